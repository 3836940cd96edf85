"""The playbook over time, from a real git repository with a scripted history (tests/support/history_repo.py):
``playbook diff`` and the site's Changes page show exactly the scripted changes; a project that is
not a repository, and a shallow clone, say what they cannot know; builds stay byte-identical."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from playbook.analysis import history as history_module
from playbook.cli.main import main
from playbook.serve.devsite import DevSite
from tests.support.history_repo import BRIEFS, GAP, commit, git, scripted_history, titled
from tests.support.hostile import cli

EPOCH = "1796083200"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return scripted_history(tmp_path_factory.mktemp("history") / "team")


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def diff(root: Path, *args: str) -> tuple[int, dict | str, str]:
    code, out, err = cli("diff", "-C", str(root), *args)
    return code, json.loads(out) if "--format" in args and code == 0 else out, err


def kinds(document: dict) -> list[tuple[str, str]]:
    return [(change["kind"], change["path"].rsplit("/", 1)[-1]) for change in document["changes"]]


SCRIPTED = [
    ("crossed-ready", "bravo.md"),
    ("down", "charlie-drafts.md"),
    ("new", "delta.md"),
    ("removed", "alpha.md"),
    ("status", "charlie-drafts.md"),
]


def test_diff_tells_exactly_the_scripted_story(repo):
    code, document, _ = diff(repo, "review-june", "--format", "json")
    assert code == 0
    assert kinds(document) == SCRIPTED
    assert (
        document["since"]["label"].startswith("review-june (2026-06-01, ")
        and document["since"]["date"] == "2026-06-01"
    )
    assert document["until"]["date"] == "2026-09-01" and document["until"]["subject"].startswith("Fix bravo")
    crossed = document["changes"][0]
    assert (crossed["before"]["tier"], crossed["after"]["tier"]) == ("model-gap", "ready")
    assert (crossed["before"]["model_accuracy"], crossed["after"]["model_accuracy"]) == (0.85, 0.92)
    status = document["changes"][-1]
    assert status["renamed_from"] == "content/briefs/charlie.md" and (
        status["before"]["status"],
        status["after"]["status"],
    ) == ("exploring", "building")
    assert [(s["date"], s["reason"]) for s in document["skipped"]] == [
        ("2026-08-15", "content/briefs/bravo.md had errors")
    ]
    assert set(document["changes"][0]) == {"kind", "path", "slug", "title", "renamed_from", "before", "after"}


def test_diff_text_is_a_screenful(repo):
    code, out, _ = diff(repo, "--color", "never")
    assert code == 0, "without a ref: since the last tag"
    lines = out.strip().split("\n")
    assert lines[0].startswith("Changes since review-june (2026-06-01, ") and len(lines) < 25
    assert (
        "Crossed into ready (1)" in out
        and "  Bravo extraction: #3 model gap (fit -0.05) → #2 ready (fit +0.02); "
        "model 0.85 → 0.92, needs 0.90"
        in out
    )
    assert "  Charlie drafting (was content/briefs/charlie.md): exploring → building" in out
    assert "  Alpha triage: was #1 ready" in out and "New (1)\n  Delta routing: #1 ready" in out
    assert "skipped" in lines[-1] and "A broken save" in lines[-1]


def test_diff_since_a_date(repo):
    code, document, _ = diff(repo, "--since", "2026-07-10", "--format", "json")
    assert code == 0 and document["since"]["date"] == "2026-07-01", "the last commit before the date"
    assert ("crossed-ready", "bravo.md") not in kinds(document), "bravo was ready by then"
    assert ("new", "delta.md") in kinds(document) and ("removed", "alpha.md") in kinds(document)


def test_diff_with_nothing_to_compare(tmp_path, repo):
    code, _, err = diff(repo, "no-such-tag")
    assert code == 2 and "no commit or tag 'no-such-tag'" in err
    plain = tmp_path / "plain"
    (plain / "content/briefs").mkdir(parents=True)
    code, _, err = diff(plain)
    assert code == 2 and "not in a git repository" in err and "Traceback" not in err


def test_a_shallow_clone_says_what_it_does_not_have(tmp_path, repo):
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", repo.as_uri(), str(shallow)], check=True, capture_output=True
    )
    code, _, err = diff(shallow, "review-june")
    assert code == 2 and "shallow" in err and "fetch-depth: 0" in err
    code, document, _ = diff(shallow, "--since", "2026-01-01", "--format", "json")
    assert code == 0 and any(
        "this clone is shallow: its history begins on 2026-08-15" in note for note in document["notes"]
    )
    code, document, _ = diff(
        shallow, "--format", "json"
    )  # a depth-2 clone has no tags: say so, compare by date
    assert code == 0 and any("its tags may not be here" in note for note in document["notes"])


def test_the_cost_grows_with_what_changed(repo, monkeypatch):
    """Each brief's content is parsed once, however many commits hold it unchanged."""
    parsed = []
    original = history_module.load_brief

    def counting(root, path, data):
        parsed.append(path)
        return original(root, path, data)

    monkeypatch.setattr(history_module, "load_brief", counting)
    assert diff(repo, "review-june", "--format", "json")[0] == 0
    # 3 briefs at the start; bravo edited twice and broken once; charlie renamed, then edited; delta added.
    assert len(parsed) == 3 + 3 + 2 + 1


def build(root: Path, out: Path, *extra: str) -> dict[str, bytes]:
    assert main(["build", str(root), "-o", str(out), "-q", "--no-cache", *extra]) == 0
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_the_site_shows_the_changes_and_stays_byte_identical(repo, tmp_path):
    first = build(repo, tmp_path / "one", "--since", "review-june")
    assert first == build(repo, tmp_path / "two", "--since", "review-june"), (
        "two builds of one commit are byte-identical"
    )
    changes = first["changes/index.html"].decode()
    for heading in ("Crossed into ready", "Moved down", "New", "Removed", "Status changes"):
        assert f'>{heading} <span class="count">1</span>' in changes
    assert "Fell into the model gap" not in changes and "Skipped " in changes and "A broken save" in changes
    index = first["index.html"].decode()
    assert (
        'class="move move-crossed"' in index
        and 'class="move move-new"' in index
        and 'class="move move-down"' in index
    )
    assert '<a href="changes/index.html"' in index or 'href="changes/' in index
    assert "Marks say what moved since review-june (2026-06-01," in index, (
        "the chart's caption explains the marks"
    )
    bravo = first["briefs/bravo/index.html"].decode()
    assert '<svg class="timeline"' in bravo and "crossed into ready on 2026-07-01" in bravo
    charlie = first["briefs/charlie-drafts/index.html"].decode()
    assert "2026-09-01: exploring → building" in charlie
    plain = build(repo, tmp_path / "plain")
    assert "changes/index.html" not in plain and 'class="move' not in plain["index.html"].decode()
    assert "Marks say what moved" not in plain["index.html"].decode()


def test_history_on_in_playbook_yaml(repo, tmp_path):
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", repo.as_uri(), str(work)], check=True, capture_output=True)
    (work / "playbook.yaml").write_text(
        "title: Team playbook\nhistory:\n  since: last-tag\n", encoding="utf-8"
    )
    site = build(work, tmp_path / "site")
    assert (
        "changes/index.html" in site
        and "now includes changes not committed yet" in site["changes/index.html"].decode().lower()
    )
    git(work, "commit", "-qam", "History on", date="2026-09-10T10:00:00+00:00")
    again = build(work, tmp_path / "again")
    assert "not committed" not in again["changes/index.html"].decode()


def test_serve_and_build_have_the_same_pages(repo, tmp_path):
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", repo.as_uri(), str(work)], check=True, capture_output=True)
    (work / "playbook.yaml").write_text(
        "title: Team playbook\nhistory:\n  since: review-june\n", encoding="utf-8"
    )
    built = build(work, tmp_path / "site")
    site = DevSite(work)
    report = site.rebuild()
    assert report.errors == () and "changes/index.html" in site.state.files
    del built[".playbook-site"]  # the build's mark on its output folder
    assert sorted(site.state.files) == sorted(built), "one page list: the same pages, the same files"
    assert report.pages == sum(name.endswith(".html") for name in built)
    assert b'href="changes/index.html"' in site.state.files["index.html"], "the nav links to it in both"
    assert site.state.files["changes/index.html"].count(b'class="count"') == built[
        "changes/index.html"
    ].count(b'class="count"')
    (work / BRIEFS / "delta.md").unlink()  # an edit while serving is compared with the same past
    assert site.rebuild({str(work / BRIEFS / "delta.md")}).errors == ()
    changes = site.state.files["changes/index.html"]
    assert b"Delta routing" in built["changes/index.html"] and b"Delta routing" not in changes


def test_outside_git_there_is_no_changes_page_and_one_note(tmp_path):
    root = tmp_path / "fresh"
    assert cli("init", str(root), "-q")[0] == 0
    code, _, err = cli("build", str(root), "--no-cache")
    assert code == 0 and len(err.splitlines()) == 1 and "not in a git repository" in err, err
    assert not (root / "site/changes").exists() and b"changes/" not in (root / "site/index.html").read_bytes()
    site = DevSite(root)
    assert site.rebuild().errors == () and not any(name.startswith("changes/") for name in site.state.files)


def renamed_in_one_commit(root: Path, leaver: str, newcomer: str) -> Path:
    """A repository where one commit deletes ``leaver.md`` and adds ``newcomer.md``, both written
    from one template, so that git pairs them as a rename; return it."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    commit(
        root,
        {
            f"{BRIEFS}/stays.md": titled("Stays put", ("  severity: 4", "  severity: 2")),
            f"{BRIEFS}/leaver.md": leaver,
        },
        "Two briefs",
        "2026-06-01T10:00:00+00:00",
    )
    git(root, "tag", "before", date="2026-06-01T10:00:00+00:00")
    commit(
        root,
        {f"{BRIEFS}/leaver.md": None, f"{BRIEFS}/newcomer.md": newcomer},
        "One goes, one comes",
        "2026-07-01T10:00:00+00:00",
    )
    status = git(root, "diff", "-M", "--name-status", "before", "HEAD").split()
    assert status[0].startswith("R") and status[1:] == [f"{BRIEFS}/leaver.md", f"{BRIEFS}/newcomer.md"], (
        "git pairs them"
    )
    return root


def test_a_deleted_brief_and_a_new_one_are_not_a_rename(tmp_path):
    """Git's similarity is not a brief's identity: two briefs from one template differ by a title."""
    root = renamed_in_one_commit(tmp_path / "team", titled("Leaver"), titled("Newcomer", GAP))
    code, document, _ = diff(root, "before", "--format", "json")
    assert code == 0 and kinds(document) == [
        ("up", "stays.md"),
        ("new", "newcomer.md"),
        ("removed", "leaver.md"),
    ]
    assert all(change["renamed_from"] is None for change in document["changes"])
    code, out, _ = diff(root, "before", "--color", "never")
    assert "(was " not in out and "Removed (1)\n  Leaver: was #" in out and "New (1)\n  Newcomer: #" in out


@pytest.mark.parametrize(
    "leaver, newcomer, why",
    [
        (titled("Same title"), titled("Same title", GAP), "the same title"),
        (
            titled("Old title", ("related: []", "slug: kept\nrelated: []")),
            titled("New title", GAP, ("related: []", "slug: kept\nrelated: []")),
            "the same slug:",
        ),
    ],
)
def test_a_renamed_brief_is_followed_when_it_is_the_same_brief(tmp_path, leaver, newcomer, why):
    root = renamed_in_one_commit(tmp_path / "team", leaver, newcomer)
    code, document, _ = diff(root, "before", "--format", "json")
    assert code == 0 and kinds(document) == [("fell-gap", "newcomer.md"), ("up", "stays.md")], why
    assert document["changes"][0]["renamed_from"] == f"{BRIEFS}/leaver.md", why
