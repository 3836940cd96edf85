"""Reading history with git, on real repositories: a ref or a date from a user reaches git only as
a revision, never as an option (a planted ``--output=FILE`` writes nothing), and a repository
without a readable commit — none yet, an unborn branch, a corrupt HEAD, no git at all — is one
NoHistory saying why, never a bare git failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.load.gitstore import GitError, NoHistory, RefError, Repository
from tests.support.history_repo import BRIEFS, commit, corrupt, git, titled

# Every option git's rev-parse, log or describe would take as a file to write, or as a change of
# what it reads.
PLANTED = (
    "--output={file}",
    "--output={file}^{{commit}}",
    "-o{file}",
    "--git-dir={file}",
    "--exec-path={file}",
)


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, {f"{BRIEFS}/alpha.md": titled("Alpha")}, "One brief", "2026-06-01T10:00:00+00:00")
    git(root, "tag", "first")
    return root


def planted_files(where: Path) -> list[str]:
    return sorted(str(path) for path in where.rglob("planted*"))


@pytest.mark.parametrize("shape", PLANTED)
def test_a_planted_option_never_reaches_git(repo, tmp_path, shape):
    value = shape.format(file=tmp_path / "planted")
    store = Repository.find(repo)
    with pytest.raises(RefError, match="begins with '-'"):
        store.commit(value)
    with pytest.raises(RefError, match="begins with '-'"):
        store.before(value)
    assert planted_files(tmp_path) == []
    assert store.commit("first") is not None and store.commit("first").subject == "One brief", (
        "a real ref still resolves"
    )


def test_a_ref_is_resolved_as_a_revision_only(repo, tmp_path):
    """Past the refusal of '-', git itself is told where options end: a value that is no commit is None."""
    store = Repository.find(repo)
    for value in ("no-such-tag", "first:content", " --output=x", "HEAD^{tree}", f"{tmp_path}/planted"):
        assert store.commit(value) is None, value
    assert planted_files(tmp_path) == []
    assert store.commit("main").sha == store.head().sha


def test_no_commit_yet_is_no_history(tmp_path):
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    with pytest.raises(NoHistory, match="history needs at least one commit"):
        Repository.find(root).head()


def test_an_unborn_branch_is_no_history(repo):
    git(repo, "checkout", "-q", "--orphan", "fresh")
    with pytest.raises(NoHistory, match="history needs at least one commit"):
        Repository.find(repo).head()


def test_a_corrupt_head_is_no_history(repo):
    corrupt(repo, git(repo, "rev-parse", "HEAD").strip())
    with pytest.raises(NoHistory, match="cannot be read") as caught:
        Repository.find(repo).head()
    assert "corrupt" in str(caught.value) and "git fsck" in str(caught.value)


def test_a_detached_head_is_history(repo):
    git(repo, "checkout", "-q", "--detach")
    assert Repository.find(repo).head().subject == "One brief"


def test_outside_a_repository_or_without_git(tmp_path, monkeypatch):
    with pytest.raises(NoHistory, match="is not in a git repository"):
        Repository.find(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(NoHistory, match="history needs git, which is not installed"):
        Repository.find(tmp_path)


def test_a_file_git_cannot_read_is_a_git_error_not_an_empty_file(repo):
    """cat-file answers "missing" for a corrupt object: that is a damaged repository, not a brief
    with errors."""
    blob = git(repo, "rev-parse", f"HEAD:{BRIEFS}/alpha.md").strip()
    corrupt(repo, blob)
    blobs = Repository.find(repo).blobs
    try:
        with pytest.raises(GitError, match="cannot read the file content"):
            blobs.read([blob, blob])
    finally:
        blobs.close()
