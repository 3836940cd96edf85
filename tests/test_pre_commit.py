"""The pre-commit hook, with the real ``pre-commit``: a team's repository that uses it cannot
commit a brief with an error — the commit is refused with check's diagnostics — and can commit
one without."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.briefs import brief

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=check, env=env, timeout=600
    )


def snapshot_of_this_repository(target: Path) -> str:
    """Copy this repository's files as they are now (committed or not) into a fresh git repository
    at ``target`` and return its commit: what pre-commit installs the hook from."""
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", cwd=REPO).stdout.split("\n")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file() and not name.startswith(("tests/", "content/", "bench/")):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target).stdout.strip()


def test_a_commit_with_a_bad_brief_is_refused_and_a_good_one_goes_through(tmp_path):
    assert PRE_COMMIT.exists(), "pre-commit is missing: it is in the test extras (pip install -e '.[test]')"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    rev = snapshot_of_this_repository(hooks)
    team = tmp_path / "team-playbook"
    (team / "content/briefs").mkdir(parents=True)
    (team / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: playbook-check\n",
        encoding="utf-8",
    )
    git("init", "-q", cwd=team)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "SOURCE_DATE_EPOCH": "1796083200"}
    subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=team, check=True, capture_output=True, env=env, timeout=600
    )
    os.environ.update({"PRE_COMMIT_HOME": env["PRE_COMMIT_HOME"]})
    try:
        bad = team / "content/briefs/renewals.md"
        bad.write_text(brief(("  catchability: moderate", "  catchability: hardd")), encoding="utf-8")
        warned = team / "content/briefs/warned.md"  # a warning beside the error is not printed
        warned.write_text(brief(("  accuracy: 0.93", "  accuracy: 0.5")), encoding="utf-8")
        git("add", "-A", cwd=team)
        refused = git("commit", "-m", "a brief", cwd=team, check=False)
        assert refused.returncode != 0, refused.stdout + refused.stderr
        said = refused.stdout + refused.stderr
        assert "playbook check" in said and "content/briefs/renewals.md:" in said and "error PB002" in said
        assert "did you mean 'hard'?" in said
        assert "warned.md:" not in said and "warning PB" not in said, "only what fails is printed"
        assert git("rev-parse", "--verify", "HEAD", cwd=team, check=False).returncode != 0, (
            "nothing was committed"
        )
        bad.write_text(brief(), encoding="utf-8")
        git("add", "-A", cwd=team)
        done = git("commit", "-m", "a brief", cwd=team, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "playbook check" in done.stdout + done.stderr and "Passed" in done.stdout + done.stderr
    finally:
        os.environ.pop("PRE_COMMIT_HOME", None)
