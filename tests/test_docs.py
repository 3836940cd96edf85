"""The documentation: the README is a short front door, the generated reference is what the code
says today, and the site in docs/ builds strictly and offline."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from playbook.cli.main import build_parser
from playbook.load.config import Config, load_config
from playbook.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
TWO_COMMANDS = (
    "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/playbook build\nbash .ci/run\n"
)
# Runs `mkdocs build --strict` with every way out to the network refused, and says so on stderr
# if anything tries: the site must build, and read, offline.
OFFLINE_BUILD = """
import socket, sys
def refuse(*args, **kwargs):
    print("NETWORK ATTEMPT", args[:2], file=sys.stderr)
    raise OSError("the docs build tried to reach the network")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
from mkdocs.__main__ import cli
cli(["build", "--strict", "--config-file", sys.argv[1], "--site-dir", sys.argv[2]])
"""


@pytest.fixture(scope="module")
def generator():
    """docs/generate.py, imported from its path (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_docs(root: Path, out: Path) -> subprocess.CompletedProcess:
    """Build the docs site of the checkout at ``root`` into ``out``, offline."""
    assert importlib.util.find_spec("mkdocs"), (
        "MkDocs is missing: it is in the docs extra (pip install -e '.[docs]')"
    )
    return subprocess.run(
        [sys.executable, "-c", OFFLINE_BUILD, str(root / "mkdocs.yml"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


# --- The README -----------------------------------------------------------------------------


def test_the_readme_is_a_front_door_with_the_two_commands_first():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    first_block = re.search(r"^```\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert first_block is not None and first_block.group(1) == TWO_COMMANDS
    assert text.index(first_block.group(0)) < text.index("\n## ")  # before any section


def test_every_link_of_the_readme_leads_to_a_file():
    text = README.read_text(encoding="utf-8")
    targets = [
        t.split("#")[0]
        for t in re.findall(r"\]\(([^)\s]+)\)", text)
        if not t.startswith(("http://", "https://"))
    ]
    assert targets, "the README links into the docs"
    assert [t for t in targets if not (ROOT / t).is_file()] == []
    assert (ROOT / "docs/assets/example-site.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# --- The generated reference ----------------------------------------------------------------


def test_the_generated_reference_is_current(generator):
    assert generator.stale() == [], "run: python docs/generate.py"


def test_a_stale_page_is_found(generator, tmp_path):
    generator.write(tmp_path)
    assert generator.stale(tmp_path) == []
    page = tmp_path / "reference/rules.md"
    page.write_text(page.read_text(encoding="utf-8").replace("PB202", "PB999", 1), encoding="utf-8")
    (tmp_path / "reference/commands.md").unlink()
    assert generator.stale(tmp_path) == ["reference/commands.md", "reference/rules.md"]


def test_the_docs_rule_table_is_the_registry():
    """The rules page's table is checked against the registry, so the two never drift."""
    page = (DOCS / "reference/rules.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| \[(PB\d{3})\]\(#pb\d{3}\) \| ([a-z-]+) \| (error|warning|info) \|", page, re.MULTILINE
    )
    assert rows == [
        (rule.code, rule.name, rule.severity.label) for rule in sorted(RULES.values(), key=lambda r: r.code)
    ]


def test_every_command_and_option_is_on_the_commands_page():
    page = (DOCS / "reference/commands.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        assert f"\n## {name}\n" in page
        section = page.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings:
                if action.dest not in ("help", "verbosity"):
                    assert option in section, f"{name} {option}"


def test_the_settings_page_shows_every_key_at_its_default(tmp_path):
    page = (DOCS / "reference/settings.md").read_text(encoding="utf-8")
    example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "playbook.yaml").write_text(example, encoding="utf-8")
    assert load_config(tmp_path) == Config()
    assert set(yaml.safe_load(example)) == {
        "title",
        "description",
        "base_url",
        "theme",
        "language",
        "markdown",
        "ranking",
        "criteria",
        "history",
        "rules",
    }


# --- Written once ----------------------------------------------------------------------------


def test_the_habits_of_a_good_brief_are_written_once():
    """The example playbook's page is the one source of the habits: the docs show that file, and
    the guide links to it rather than saying them again."""
    habits = DOCS / "guides/habits.md"
    assert habits.is_symlink() and habits.resolve() == (ROOT / "content/writing-a-brief.md").resolve()
    guide = (DOCS / "guides/writing-a-brief.md").read_text(encoding="utf-8")
    assert "(habits.md)" in guide
    leads = re.findall(r"^- \*\*(.+?)\*\*", habits.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(leads) >= 5 and [lead for lead in leads if lead in guide] == []


# --- The site --------------------------------------------------------------------------------


def test_the_docs_build_strictly_offline_with_every_section(tmp_path):
    out = tmp_path / "site"
    done = build_docs(ROOT, out)
    assert done.returncode == 0, done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr
    for page in (
        "getting-started",
        "guides/writing-a-brief",
        "guides/habits",
        "guides/evaluation-files",
        "guides/editors",
        "guides/publishing",
        "themes",
        "guides/history",
        "reference/commands",
        "reference/rules",
        "reference/brief-format",
        "reference/fields",
        "reference/settings",
        "reference/json",
        "explanation/numbers",
        "explanation/prose-rules",
        "explanation/performance",
        "explanation/security",
        "development/architecture",
        "development/extending",
        "development/benchmark",
    ):
        assert (out / page / "index.html").is_file(), page
    security = (out / "explanation/security/index.html").read_text(encoding="utf-8")
    assert "Reporting a vulnerability" in security and "--8&lt;--" not in security  # SECURITY.md, included
    assert not (out / "generate.py").exists() and not (out / "screenshot.py").exists()
    # Nothing a reader's browser would fetch from elsewhere: no web fonts, no scripts or styles from a CDN.
    remote = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE)
    for html in out.rglob("*.html"):
        assert not remote.search(html.read_text(encoding="utf-8")), html.relative_to(out)


def test_a_broken_link_fails_the_docs_build(tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(DOCS, checkout / "docs", symlinks=True)
    shutil.copytree(ROOT / "content", checkout / "content")  # what docs/guides/habits.md links to
    for name in ("mkdocs.yml", "SECURITY.md"):
        shutil.copy(ROOT / name, checkout / name)
    guide = checkout / "docs/guides/editors.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [the old page](lsp.md).\n", encoding="utf-8")
    done = build_docs(checkout, tmp_path / "site")
    assert done.returncode != 0 and "lsp.md" in done.stderr
