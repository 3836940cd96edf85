"""Drafts never break the build: a brief marked ``draft: true`` has its findings shown and marked
as a draft's, but they fail ``check``, ``build`` and ``rank`` only when drafts are built."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.support.briefs import VALID_BRIEF, brief

HALF_WRITTEN = brief(
    ("  accuracy: 0.93", None), ("  samples: 500", None), ("related: []", "related: []\ndraft: true")
)
GAP_DRAFT = brief(("  accuracy: 0.93", "  accuracy: 0.5"), ("related: []", "related: []\ndraft: true"))


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 11, 26, tzinfo=timezone.utc).timestamp())))


def check_json(run, root: Path, *extra: str) -> tuple[int, dict]:
    code, out, _ = run("check", str(root), "--format", "json", "--no-cache", *extra)
    return code, json.loads(out)


def test_new_writes_a_draft_that_says_how_to_publish(tmp_path, run):
    root = tmp_path / "team"
    assert run("init", str(root))[0] == 0
    code, out, _ = run("new", "Invoice coding", str(root), "-q")
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert code == 0 and "\ndraft: true\n" in text
    comment = text.split("\ndraft: true\n", 1)[1].split("\n", 2)[:2]
    assert "draft: false" in " ".join(comment), "the comment under it says how to publish"


def test_a_half_written_draft_never_fails_check_or_build(tmp_path, run):
    root = tmp_path / "team"
    assert run("init", str(root))[0] == 0
    run("new", "Invoice coding", str(root), "-q")
    code, document = check_json(run, root)
    mine = [d for d in document["diagnostics"] if d["path"] == "content/briefs/invoice-coding.md"]
    assert code == 0, "a draft's errors do not fail check"
    assert all(d["draft"] is True for d in mine)
    assert [d["severity"] for d in mine].count("error") == 13
    assert not any("draft" in d for d in document["diagnostics"] if d not in mine), "others are not marked"
    assert document["summary"]["errors"] == 0
    assert document["summary"]["in_drafts"] == {"errors": 13, "warnings": 1, "infos": 0}  # PB102 too
    code, out, err = run("build", str(root))
    assert code == 0, err
    assert "14 findings in drafts left out" in out
    assert not (root / "site/briefs/invoice-coding").exists()
    leaks = [f for f in (root / "site").rglob("*") if f.is_file() and b"invoice-coding" in f.read_bytes()]
    assert leaks == [], "a draft left out leaves no trace, not even its findings on the criteria page"


def test_with_drafts_a_drafts_errors_count(tmp_path, run):
    root = tmp_path / "team"
    assert run("init", str(root))[0] == 0
    run("new", "Invoice coding", str(root), "-q")
    code, document = check_json(run, root, "--drafts")
    assert code == 1 and document["summary"]["errors"] == 13
    assert document["summary"]["in_drafts"] == {"errors": 0, "warnings": 0, "infos": 0}
    code, _, err = run("build", str(root), "--drafts")
    assert code == 1 and "build failed: the content has 13 errors" in err


def test_text_marks_a_drafts_findings_and_counts_them_apart(make_project, run):
    root = make_project({"half": HALF_WRITTEN, "done": VALID_BRIEF})
    code, out, _ = run("check", str(root), "--no-cache")
    assert code == 0
    assert "content/briefs/half.md:22:1: error PB002 schema (draft): model: give model.accuracy" in out
    assert out.rstrip().endswith(
        "✓ 2 briefs checked: 0 errors, 0 warnings, 0 infos; in drafts, not counted: 1 error"
    )
    code, out, _ = run("check", str(root), "--no-cache", "-q")
    assert (code, out) == (0, ""), "check -q prints only what fails, and a draft's errors do not"
    code, out, _ = run("check", str(root), "--no-cache", "-q", "--drafts")
    assert code == 1 and "error PB002 schema (draft)" in out


def test_github_annotations_show_a_drafts_error_as_a_warning_that_says_so(make_project, run):
    root = make_project({"half": HALF_WRITTEN})
    code, out, _ = run("check", str(root), "--no-cache", "--format", "github")
    assert code == 0
    assert out.startswith("::warning file=content/briefs/half.md,line=22,col=1,title=PB002 schema (draft)::")
    code, out, _ = run("check", str(root), "--no-cache", "--format", "github", "--drafts")
    assert code == 1 and out.startswith("::error file=content/briefs/half.md,line=22,")


def test_a_valid_drafts_criteria_findings_are_marked_and_rank_leaves_it_out(make_project, run):
    root = make_project({"gap": GAP_DRAFT, "done": VALID_BRIEF}, config="rules:\n  PB202: error\n")
    code, document = check_json(run, root)
    gap = [d for d in document["diagnostics"] if d["code"] == "PB202"]
    assert code == 0 and gap and all(d["draft"] for d in gap)
    code, out, err = run("rank", str(root))
    assert code == 0 and "Renewal-date" in out and out.count("Renewal-date") == 1, err
    code, out, err = run("rank", str(root), "--drafts", "--format", "json")
    assert code == 1 and len(json.loads(out)["ranking"]) == 2 and "1 error" in err


def test_a_draft_pages_findings_are_marked(make_project, run):
    root = make_project(
        {"done": VALID_BRIEF}, pages={"notes": "---\ntitle: Notes\ndraft: true\ncolour: red\n---\n"}
    )
    code, document = check_json(run, root)
    (found,) = [d for d in document["diagnostics"] if d["path"] == "content/notes.md"]
    assert code == 0 and found["code"] == "PB003" and found["draft"] is True
