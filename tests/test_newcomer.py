"""A new user's first hour, end to end, with the real `playbook` program: init, new, answer the
questions, check, build — then the steps of the GitHub Actions workflow that `init` wrote, run
here on a fresh checkout, produce a site ready to deploy to GitHub Pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from tests.support.briefs import answer_new_brief
from tests.support.sitecheck import broken_links, unpublished

PAGES_BASE_URL = (
    "https://octo-org.github.io/team-playbook"  # what actions/configure-pages gives a project site
)


@pytest.fixture
def shell(tmp_path, monkeypatch):
    """Return ``sh(command, cwd)`` running a command line as a terminal would: (exit code, stdout, stderr)."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 11, 26, tzinfo=timezone.utc).timestamp())))

    def sh(command: str, cwd: Path = tmp_path, env: dict | None = None) -> tuple[int, str, str]:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **(env or {})},
        )
        return done.returncode, done.stdout, done.stderr

    assert shutil.which("playbook"), "the playbook program is installed next to this Python"
    return sh


def github_expressions(command: str, outputs: dict[str, str]) -> str:
    """Replace ``${{ steps.ID.outputs.NAME }}`` as the runner would; any other expression is an error."""

    def value(match: re.Match) -> str:
        return outputs[match.group(1).strip()]

    return re.sub(r"\$\{\{([^}]*)\}\}", value, command)


def test_from_an_empty_folder_to_a_site_ready_to_deploy(tmp_path, shell):
    code, out, err = shell("playbook init team-playbook")
    assert code == 0, err
    assert "Created a playbook in team-playbook" in out
    project = tmp_path / "team-playbook"

    code, out, err = shell('playbook new "Refund replies for the Berlin team"', project)
    assert code == 0, err
    brief = project / out.strip()
    assert brief == project / "content/briefs/refund-replies-for-the-berlin-team.md"

    code, out, _ = shell("playbook check", project)
    assert out.count("error PB002 schema (draft)") == 13, "every unanswered question is listed"
    assert code == 0 and "in drafts, not counted: 13 errors" in out, "a new brief is a draft: nothing breaks"
    code, out, err = shell("playbook build", project)
    assert code == 0 and out.startswith("Built 3 briefs into site:"), err

    # Answered, and published.
    answered = answer_new_brief(brief.read_text(encoding="utf-8"))
    brief.write_text(answered.replace("\ndraft: true\n", "\ndraft: false\n", 1), encoding="utf-8")
    code, out, _ = shell("playbook check", project)
    assert code == 0, out
    assert out.rstrip().endswith("4 briefs checked: 0 errors, 2 warnings, 0 infos")
    assert re.findall(r"warning (PB\d+)", out) == ["PB301", "PB202"], "only the two teaching findings"

    code, out, err = shell("playbook build", project)
    assert code == 0, err
    assert out.startswith("Built 4 briefs into site:")
    assert (project / "site/briefs/refund-replies-for-the-berlin-team/index.html").is_file()

    # CI starts from a fresh checkout: only what git would commit.
    checkout = tmp_path / "checkout"
    ignored = [line for line in (project / ".gitignore").read_text().split() if not line.startswith("#")]
    shutil.copytree(project, checkout, ignore=shutil.ignore_patterns(*(p.strip("/") for p in ignored)))
    assert not (checkout / "site").exists() and not (checkout / ".playbook-cache").exists()

    workflow = yaml.safe_load((checkout / ".github/workflows/playbook.yml").read_text(encoding="utf-8"))
    outputs = {"steps.pages.outputs.base_url": PAGES_BASE_URL}
    uploaded = None
    for job in ("check", "build"):
        for step in workflow["jobs"][job]["steps"]:
            uses, run = step.get("uses", ""), step.get("run", "")
            if step.get("name") == "Install playbook":
                continue  # playbook is installed here already (tests/test_starter.py runs this step)
            if run:
                env = {
                    **workflow["env"],
                    **{k: github_expressions(v, outputs) for k, v in step.get("env", {}).items()},
                }
                code, out, err = shell(github_expressions(run, outputs), checkout, env=env)
                assert code == 0, (run, out, err)
                if "check" in run:
                    assert out.count("::warning file=content/briefs/") == 2 and "::error" not in out
            elif uses.startswith("actions/upload-pages-artifact@"):
                uploaded = checkout / step["with"]["path"]
    assert uploaded is not None and (uploaded / "index.html").is_file()

    assert broken_links(uploaded) == []
    assert unpublished(uploaded, PAGES_BASE_URL + "/") == []
    assert (
        f"<loc>{PAGES_BASE_URL}/briefs/refund-replies-for-the-berlin-team/</loc>"
        in (uploaded / "sitemap.xml").read_text()
    )
