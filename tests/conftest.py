"""Shared fixtures: projects built from dicts, the command line run in-process, a fixed date and
Debian's chromium for the browser tests."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from playbook.cli.main import main

# Re-exported for the test modules that still import them from here (test_judgement*.py,
# test_evals.py and test_bounded.py, being changed in parallel): new code imports tests.support.briefs.

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def cache_key_home(tmp_path_factory, monkeypatch):
    """Keep the cache's signing key out of the real home folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Point pytest-playwright at Debian's chromium; the machine has no network for its own."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def make_project(tmp_path: Path):
    """Return a function that writes a project from ``{"slug": text}`` briefs, pages and a config."""

    def make(
        briefs: dict[str, str | bytes] | None = None,
        pages: dict[str, str] | None = None,
        config: str | None = None,
    ) -> Path:
        root = tmp_path / "project"
        number = 1
        while root.exists():  # each call makes a new project
            number += 1
            root = tmp_path / f"project-{number}"
        (root / "content" / "briefs").mkdir(parents=True)
        for slug, text in (briefs or {}).items():
            target = root / "content" / "briefs" / f"{slug}.md"
            target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        for name, text in (pages or {}).items():
            target = root / "content" / f"{name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if config is not None:
            (root / "playbook.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
        return root

    return make


@pytest.fixture
def run():
    """Return a function running the CLI in-process: ``code, out, err = run("check", str(root))``."""

    def call(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return call


@pytest.fixture
def fixed_date(monkeypatch):
    """Judge every brief on tests.support.hostile.BUILD_EPOCH's date (PB401 must not depend on today):
    ``pytestmark = pytest.mark.usefixtures("fixed_date")`` in a module."""
    from tests.support.hostile import BUILD_EPOCH

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
