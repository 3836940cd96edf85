"""Reading a project's files as they were at earlier commits, with the ``git`` command line.

git itself is the reader: it is there wherever the repository is, reads every repository format
(packs, shallow clones, worktrees, partial clones) exactly, and does the expensive parts in C —
walking history, diffing trees with rename detection, streaming blobs through one ``cat-file
--batch`` process. (dulwich reads packs in Python, several times slower on a large history;
pygit2 needs libgit2.) Only what changed between two commits is ever read: one tree listing for
the first commit, then one tree diff per commit.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath

from msgspec import Struct

from playbook.layout import CONFIG_FILE, CONTENT

TRACKED = (CONTENT, CONFIG_FILE)


class GitError(Exception):
    """git could not answer; the message says what to do."""


class NoHistory(GitError):
    """There is no history to read: no git, no repository, no commit, or a HEAD git cannot read."""


class RefError(GitError):
    """A ref or a date from a user that git must not be given: it begins with '-'."""


class Commit(Struct, frozen=True):
    """One commit: its SHA, its committer time and its subject."""

    sha: str
    time: int  # committer time, seconds since 1970
    subject: str

    @property
    def day(self) -> date:
        return datetime.fromtimestamp(self.time, tz=timezone.utc).date()


class Change(Struct, frozen=True):
    """One file changed between two commits: ``old`` is None when added, ``new`` when deleted."""

    old: str | None
    new: str | None
    blob: str | None  # the new content's id
    similarity: int | None = None  # git's score of a rename, in percent


LOG_FORMAT = "--format=%H%x00%ct%x00%s"  # what _commit reads


class Repository:
    """The git repository a project lives in, read through the ``git`` command."""

    def __init__(self, top: Path, prefix: str):
        self.top = top
        self.prefix = prefix  # the project's folder inside the repository, "" or "sub/dir/"
        self.blobs = Blobs(top)

    @classmethod
    def find(cls, root: Path) -> "Repository":
        """Return the repository holding ``root``; raise NoHistory saying why there is none."""
        try:
            top = _git(root, "rev-parse", "--show-toplevel").strip()
            inside = _git(root, "rev-parse", "--show-prefix").strip()
        except NoHistory:
            raise
        except GitError as error:
            if "not a git repository" in str(error):
                raise NoHistory(
                    f"{root} is not in a git repository: there is no history to compare with"
                ) from None
            raise NoHistory(f"git cannot read the repository holding {root}: {_git_says(error)}") from None
        return cls(Path(top), inside)

    def run(self, *args: str) -> str:
        return _git(self.top, *args)

    @property
    def shallow(self) -> bool:
        return self.run("rev-parse", "--is-shallow-repository").strip() == "true"

    def head(self) -> Commit:
        """Return the commit HEAD names (a branch's or a detached one); raise NoHistory when there is
        none yet or git cannot read it."""
        try:
            sha = self.run("rev-parse", "--verify", "--quiet", "HEAD").strip()
        except GitError:
            raise NoHistory(
                "history needs at least one commit, and this branch has none yet: commit the playbook "
                "(git add -A && git commit) and the history starts there"
            ) from None
        try:
            return self._commit_of(sha)
        except GitError as error:
            raise NoHistory(
                f"history needs at least one commit git can read, and HEAD ({sha[:7]}) cannot be read: "
                f"{_git_says(error)} ('git fsck' says what is damaged)"
            ) from None

    def commit(self, ref: str) -> Commit | None:
        """Return the commit ``ref`` (a tag, a branch, a commit id) names, or None when there is no such
        commit here. ``ref`` reaches git as a revision only: one that begins with '-' raises RefError."""
        _refuse_option(ref)
        try:  # --end-of-options too: should a value ever get past the check above, git still reads no option
            sha = self.run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
            ).strip()
        except GitError:
            return None
        return self._commit_of(sha)

    def _commit_of(self, sha: str) -> Commit:
        return _commit(self.run("log", "-1", LOG_FORMAT, sha, "--").strip())

    def last_tag(self) -> str | None:
        try:
            return self.run("describe", "--tags", "--abbrev=0", "HEAD").strip() or None
        except GitError:
            return None

    def before(self, when: str) -> Commit | None:
        """Return the last commit on the first-parent line made before ``when`` (git's date
        syntax: ``90.days``, ``2026-09-01``), or None when there is none."""
        _refuse_option(when)  # one argument with --before= already; refused as a ref is, all the same
        line = self.run("log", "-1", "--first-parent", f"--before={when}", LOG_FORMAT, "HEAD", "--")
        return _commit(line.strip()) if line.strip() else None

    def oldest(self) -> Commit:
        """Return the first commit of the first-parent line that is here (a shallow clone's boundary)."""
        lines = self.run("log", "--first-parent", "--reverse", LOG_FORMAT, "HEAD", "--").strip().split("\n")
        return _commit(lines[0])

    def commits_after(self, base: Commit | None) -> list[Commit]:
        """Return the first-parent commits after ``base`` up to HEAD, oldest first (all when None)."""
        span = "HEAD" if base is None else f"{base.sha}..HEAD"
        out = self.run("log", "--first-parent", "--reverse", LOG_FORMAT, span, "--")
        return [_commit(line) for line in out.strip().split("\n") if line]

    def tree(self, commit: Commit) -> dict[str, str]:
        """Return ``{project path: blob id}`` of the tracked files at ``commit``."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", commit.sha, "--", *self._paths())
        found = {}
        for entry in filter(None, out.split("\0")):
            meta, path = entry.split("\t", 1)
            mode, kind, blob = meta.split()
            if kind == "blob" and mode != "120000":  # a symlink's target is not a file's content
                local = self._local(path)
                if local is not None:
                    found[local] = blob
        return found

    def changes(self, old: Commit, new: Commit) -> list[Change]:
        """Return the tracked files changed from ``old`` to ``new``, renames followed."""
        out = self.run(
            "diff-tree", "-r", "-z", "-M", "--raw", "--no-commit-id", old.sha, new.sha, "--", *self._paths()
        )
        parts = out.split("\0")
        found, index = [], 0
        while index < len(parts) - 1:
            meta = parts[index]
            if not meta.startswith(":"):
                index += 1
                continue
            _, new_mode, _, blob, status = meta[1:].split()
            similarity = int(status[1:]) if status.startswith("R") and status[1:].isdigit() else None
            if status.startswith(("R", "C")):
                first, second, index = parts[index + 1], parts[index + 2], index + 3
            else:
                first = second = parts[index + 1]
                index += 2
            old_path, new_path = self._local(first), self._local(second)
            if status.startswith("A"):
                old_path = None
            if status.startswith("D"):
                new_path, blob = None, None
            if new_mode == "120000":
                new_path, blob = None, None
            found.append(Change(old_path if not status.startswith("C") else None, new_path, blob, similarity))
        return found

    def uncommitted(self) -> bool:
        """Whether the project's tracked files differ from HEAD (an edit, a new file)."""
        return bool(self.run("status", "--porcelain", "--", *self._paths()).strip())

    def _paths(self) -> list[str]:
        return [f"{self.prefix}{path}" for path in TRACKED]  # relative to the top, where git runs

    def _local(self, path: str) -> str | None:
        if not path.startswith(self.prefix):
            return None
        local = path[len(self.prefix) :]
        return local if local == CONFIG_FILE or PurePosixPath(local).parts[:1] == (CONTENT,) else None


class Blobs:
    """File contents by blob id, streamed through one ``git cat-file --batch`` process."""

    def __init__(self, top: Path):
        self.top = top
        self._batch: subprocess.Popen | None = None

    def read(self, blobs: list[str]) -> dict[str, bytes]:
        """Return the contents of ``blobs``; raise GitError when git cannot give one (each was named by a
        tree here, so the repository is damaged, or a partial clone lacks it)."""
        try:
            if self._batch is None:
                self._batch = subprocess.Popen(
                    ["git", "-C", str(self.top), "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=_environment(),
                )
            found = {}
            for blob in blobs:
                self._batch.stdin.write(f"{blob}\n".encode())
                self._batch.stdin.flush()
                header = self._batch.stdout.readline().decode().split()
                if len(header) < 3 or header[1] != "blob":
                    raise GitError(
                        f"git cannot read the file content {blob[:7]} "
                        f"({' '.join(header[1:]) or 'no answer'}): "
                        "the repository is damaged or a partial clone lacks it ('git fsck' says which)"
                    )
                size = int(header[2])
                found[blob] = self._batch.stdout.read(size)
                self._batch.stdout.read(1)  # the newline after the content
        except OSError as error:  # git missing, or gone mid-read (a broken pipe)
            raise GitError(f"git cat-file stopped: {error.strerror or error}") from None
        return found

    def close(self) -> None:
        if self._batch is not None:
            try:
                self._batch.stdin.close()
            except OSError:  # it had stopped already
                pass
            self._batch.wait(10)
            self._batch = None


def refs_state(root: Path) -> str:
    """Return a text that changes whenever HEAD, a branch or a tag of the repository holding
    ``root`` moves ("" outside git or before the first commit): what a history read depends on."""
    try:
        return _git(root, "show-ref", "--head")
    except GitError:
        return ""


def _refuse_option(value: str) -> None:
    # git reads an argument that begins with '-' as an option wherever it stands: --output=FILE writes a file.
    if value.startswith("-"):
        raise RefError(
            f"{value!r} begins with '-': a tag, a commit or a date never does, "
            "and git would read it as an option"
        )


def _git_says(error: Exception) -> str:
    return (
        str(error).strip().split("\n")[-1]
    )  # git's last line is its verdict ("fatal: ..."), the rest its steps


def _commit(line: str) -> Commit:
    sha, time, subject = line.split("\0", 2)
    return Commit(sha, int(time), subject)


def _environment() -> dict[str, str]:
    # A user's configuration must not change what history says: no pager, no colour, no replace refs.
    return {**os.environ, "GIT_PAGER": "cat", "GIT_NO_REPLACE_OBJECTS": "1", "LC_ALL": "C"}


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), "-c", "core.quotepath=off", "-c", "diff.renames=true", *args],
            capture_output=True,
            env=_environment(),
            timeout=300,
        )
    except FileNotFoundError:
        raise NoHistory("history needs git, which is not installed here (no git on the PATH)") from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"git {args[0]} could not run: {error}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "surrogateescape")
