"""History on a team's first day and on a hostile pull request, through the command line and real
git repositories: the documented first steps (``git init``, ``playbook init``, ``playbook build``)
build, whatever state HEAD is in and even without git, with one plain note and the exit code the
content gives; a ref or date that looks like an option is refused where it was written and never
reaches git."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.history_repo import BRIEFS, corrupt, git, titled
from tests.support.hostile import cli

AUTHOR = ("-c", "user.name=Dana", "-c", "user.email=dana@example.com")


def starter(root: Path, *, commit: bool) -> Path:
    """``git init`` and ``playbook init`` at ``root`` (the starter turns history on), committed or not."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    assert cli("init", str(root))[0] == 0
    if commit:
        git(root, "add", "-A")
        git(root, *AUTHOR, "commit", "-q", "-m", "First playbook")
    return root


def no_commit(root: Path) -> Path:
    return starter(root, commit=False)


def unborn_branch(root: Path) -> Path:
    starter(root, commit=True)
    git(root, "checkout", "-q", "--orphan", "fresh")
    return root


def corrupt_head(root: Path) -> Path:
    starter(root, commit=True)
    corrupt(root, git(root, "rev-parse", "HEAD").strip())
    return root


def notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if "history" in line]


@pytest.mark.parametrize(
    "state, says",
    [
        (no_commit, "history needs at least one commit"),
        (unborn_branch, "history needs at least one commit"),
        (corrupt_head, "history needs at least one commit git can read"),
    ],
)
def test_the_first_steps_build_without_history(tmp_path, state, says):
    root = state(tmp_path / "p")
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 0, err
    assert "Traceback" not in err and len(notes(err)) == 1 and says in notes(err)[0], err
    assert "built without history" in notes(err)[0]
    assert (root / "site/index.html").is_file() and not (root / "site/changes").exists(), (
        "the build goes on, without history"
    )
    code, _, err = cli("diff", "-C", str(root))
    assert code == 2 and "Traceback" not in err and len(notes(err)) == 1 and says in notes(err)[0], err


def test_a_detached_head_has_its_history(tmp_path):
    root = starter(tmp_path / "p", commit=True)
    git(root, "checkout", "-q", "--detach")
    code, _, err = cli("build", str(root), "--no-cache", "--since", "HEAD")
    assert code == 0 and notes(err) == [] and (root / "site/changes/index.html").is_file(), err
    assert cli("diff", "-C", str(root), "HEAD")[0] == 0


def test_a_damaged_history_is_a_note(tmp_path):
    """HEAD reads, but an older commit's brief does not: the history cannot be told, the site still can."""
    root = starter(tmp_path / "p", commit=True)
    (root / BRIEFS / "newer.md").write_text(titled("Newer"), encoding="utf-8")
    first = git(root, "rev-parse", "HEAD").strip()
    git(root, "add", "-A")
    git(root, *AUTHOR, "commit", "-q", "-m", "Newer")
    corrupt(root, git(root, "rev-parse", f"{first}:{BRIEFS}/refund-reply-drafts.md").strip())
    code, _, err = cli("build", str(root), "--no-cache", "--since", first)
    assert code == 0 and "Traceback" not in err and len(notes(err)) == 1, err
    assert "the history could not be read" in err and "built without history" in err
    assert not (root / "site/changes").exists()


def test_without_git_the_build_goes_on(tmp_path):
    """The real program, with a PATH that has no git."""
    root = starter(tmp_path / "p", commit=True)
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    done = subprocess.run(
        [sys.executable, "-m", "playbook", "build", str(root), "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert len(notes(done.stderr)) == 1 and "history needs git, which is not installed" in done.stderr, (
        done.stderr
    )
    assert (root / "site/index.html").is_file()
    done = subprocess.run(
        [sys.executable, "-m", "playbook", "diff", "-C", str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and "history needs git" in done.stderr and "Traceback" not in done.stderr


def test_content_errors_still_fail_and_history_does_not_add_failures(tmp_path):
    root = no_commit(tmp_path / "p")
    (root / BRIEFS / "broken.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    code, _, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "broken.md" in err and "Traceback" not in err


# A planted option: what a hostile pull request would write into playbook.yaml, or a CI job pass on.
PLANTED = ("--output={file}", "-o{file}", "--output={file}^{{commit}}")


@pytest.fixture
def committed(tmp_path) -> Path:
    return starter(tmp_path / "p", commit=True)


def planted_files(where: Path) -> list[str]:
    return sorted(str(path) for path in where.rglob("planted*"))


@pytest.mark.parametrize("shape", PLANTED)
def test_a_planted_option_in_playbook_yaml_is_refused_at_its_place(committed, tmp_path, shape):
    value = shape.format(file=tmp_path / "planted")
    config = committed / "playbook.yaml"
    text = config.read_text(encoding="utf-8").replace("  since: last-tag", f'  since: "{value}"')
    config.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "since:" in row and value in row)
    for command in (("check", str(committed)), ("build", str(committed), "--no-cache")):
        code, _, err = cli(*command)
        assert code == 2 and f"playbook.yaml:{line}:10: error PB002" in err and "history.since" in err, err
        assert "never begins with '-'" in err
    assert planted_files(tmp_path) == []


@pytest.mark.parametrize("shape", PLANTED)
def test_a_planted_option_on_the_command_line_is_a_usage_error(committed, tmp_path, shape):
    value = shape.format(file=tmp_path / "planted")
    for command in (
        ("diff", "-C", str(committed), "--", value),
        ("diff", "-C", str(committed), f"--since={value}"),
        ("build", str(committed), "--no-cache", f"--since={value}"),
    ):
        code, _, err = cli(*command)
        assert code == 2 and "begins with '-'" in err and "Traceback" not in err, (command, err)
    assert planted_files(tmp_path) == []
    assert not (committed / "site").exists(), "a usage error builds nothing"
