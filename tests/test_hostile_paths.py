"""Names that try to leave the output or confuse it: slugs and file names with ../, absolute
paths, NUL, names Windows reserves, names differing only by case, very long names, bytes that
are not UTF-8 and terminal escapes; symlinks out of content/ and out of the theme. Nothing is
written outside the output, nothing outside the project is read, and nothing crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.briefs import brief, line_of
from tests.support.hostile import RELATED, cli, findings, snapshot, tree

pytestmark = pytest.mark.usefixtures("fixed_date")

SECRET = "SECRET-FROM-OUTSIDE-THE-PROJECT"


def with_slug(slug: str) -> str:
    return brief((RELATED, f"related: []\nslug: {json.dumps(slug)}"))


@pytest.mark.parametrize(
    "slug",
    [
        "../../escape",
        "/etc/passwd",
        "a/b",
        "a\\b",
        "a\x00b",
        ".",
        "..",
        "",
        " ",
        "a..b",
        "-a",
        "a-",
        "a--b",
        "UPPER",
        "caf\u00e9",
        "a b",
        "%2e%2e",
        "~",
        "a.md",
        "con",
        "nul",
        "aux",
        "prn",
        "com1",
        "lpt9",
        "x" * 101,
    ],
)
def test_a_slug_that_could_leave_or_break_the_output_is_pb002(make_project, tmp_path, slug):
    text = with_slug(slug)
    root = make_project({"hostile": text, "fine": brief()})
    before = tree(tmp_path)
    code, found = findings(root)
    assert code == 1
    assert [(name, c, line) for name, c, line, _ in found] == [
        ("hostile.md", "PB002", line_of(text, "slug:"))
    ]
    assert cli("build", str(root), "--no-cache")[0] == 1
    assert tree(tmp_path) == before  # the failed build left nothing behind, anywhere


@pytest.mark.parametrize("slug", ["con-notes", "nul-hypothesis", "auxiliary", "com10", "lpt", "x" * 100])
def test_names_near_reserved_ones_are_fine(make_project, slug):
    root = make_project({"fine": with_slug(slug)})
    assert findings(root) == (0, [])
    assert cli("build", str(root), "--no-cache")[0] == 0
    assert (root / "site/briefs" / slug / "index.html").is_file()


@pytest.mark.parametrize(
    "name", ["CON", "con", "Nul", "aux", "com1", "LPT1", "Upper", "a.b", "a b", "-x", "x" * 101]
)
def test_a_file_name_windows_reserves_or_no_slug_allows_is_pb002(make_project, name):
    root = make_project({name: brief(), "fine": brief()})
    assert findings(root) == (1, [(f"{name}.md", "PB002", 1, 1)])


def test_names_differing_only_by_case_cannot_collide(make_project):
    root = make_project(
        {"plan": brief(), "Plan": brief(), "fine": brief((RELATED, "related: []\nslug: PLAN"))}
    )
    code, found = findings(root)
    assert code == 1 and sorted(name for name, *_ in found) == ["Plan.md", "fine.md"]


def test_tags_differing_only_by_case_share_one_page(make_project):
    root = make_project(
        {
            "a": brief(("tags: [legal, extraction]", "tags: [Legal, LEGAL, legal]")),
            "b": brief(("tags: [legal, extraction]", "tags: [legal]")),
        }
    )
    assert cli("build", str(root), "--no-cache")[0] == 0
    assert sorted(p.name for p in (root / "site/tags").iterdir()) == ["index.html", "legal"]
    html = (root / "site/tags/legal/index.html").read_text(encoding="utf-8")
    assert (
        html.count('href="../../briefs/a/index.html"') >= 1
        and html.count('href="../../briefs/b/index.html"') >= 1
    )


def test_file_names_with_escapes_and_bad_bytes_print_safely(make_project):
    root = make_project({"fine": brief()})
    pages = root / "content"
    (pages / "esc\x1b[2Jape.md").write_text("# Escape\n", encoding="utf-8")
    (pages / "new\nline.md").write_text("# Newline\n", encoding="utf-8")
    (pages / os.fsdecode(b"caf\xe9.md")).write_text("# Latin-1 name\n", encoding="utf-8")
    for form in ("text", "json", "github"):
        # A strict UTF-8 stdout, as on most desktops and CI runners (the C locale is lenient).
        result = subprocess.run(
            [sys.executable, "-m", "playbook", "check", str(root), "--format", form, "--no-cache"],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"},
            timeout=60,
        )
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr.decode()
        assert b"\x1b" not in result.stdout
        text = result.stdout.decode("utf-8")  # valid UTF-8: no lone surrogates slipped through
        if form == "json":
            text = "\n".join(f"{d['path']} {d['code']}" for d in json.loads(text)["diagnostics"])
        assert (
            "content/caf\\xe9.md" in text
            and "content/esc\\x1b[2Jape.md" in text
            and "content/new\\nline.md" in text
        )


def test_a_control_character_in_a_source_line_is_not_printed_raw(make_project):
    root = make_project({"a": brief(("Interviews and notes.", "Notes \x1b]0;pwned\x07 here"))})
    code, out, _ = cli("check", str(root), "--no-cache", "--color", "never")
    assert code == 1 and "\x1b" not in out and "\x07" not in out
    assert "content/briefs/a.md:32:7: error PB001" in out
    assert " 32 | Notes \ufffd]0;pwned\ufffd here" in out  # one mark a character, so the caret still lines up
    assert "    |       ^" in out


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the project holding a brief and a template that must never be read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(brief(("Interviews and notes.", SECRET)), encoding="utf-8")
    (folder / "secret.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (folder / "secret.css").write_text(f"/* {SECRET} */", encoding="utf-8")
    return folder


def leaked(root: Path) -> list[str]:
    site = root / "site"
    return [path for path, data in snapshot(site).items() if SECRET.encode() in data] if site.exists() else []


def test_symlinks_out_of_content_are_not_followed(make_project, outside):
    root = make_project({"fine": brief()})
    os.symlink(outside / "secret.md", root / "content/briefs/leak.md")
    os.symlink(outside, root / "content/briefs/folder")
    os.symlink(outside / "secret.md", root / "content/page-leak.md")
    cli("build", str(root), "--no-cache")
    code, out, err = cli("check", str(root), "--no-cache")
    assert SECRET not in out + err and leaked(root) == []


def test_a_symlink_within_the_project_is_followed(make_project):
    root = make_project({"fine": brief()})
    (root / "drafts").mkdir()
    (root / "drafts/shared.md").write_text(
        brief(("Interviews and notes.", "Shared words.")), encoding="utf-8"
    )
    os.symlink(root / "drafts/shared.md", root / "content/briefs/shared.md")
    assert cli("build", str(root), "--no-cache")[0] == 0
    assert "Shared words." in (root / "site/briefs/shared/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "link", ["templates/page.html", "templates/404.html", "templates", "assets/leak.css", "assets"]
)
def test_symlinks_out_of_the_theme_are_not_followed(make_project, outside, link):
    root = make_project({"fine": brief()}, pages={"about": "# About"}, config="theme: t\n")
    theme = root / "themes/t"
    (theme / "templates").mkdir(parents=True)
    (theme / "assets").mkdir()
    target = {
        "templates/page.html": outside / "secret.html",
        "templates/404.html": outside / "secret.html",
        "templates": outside,
        "assets/leak.css": outside / "secret.css",
        "assets": outside,
    }[link]
    if link in ("templates", "assets"):
        os.rmdir(theme / link)
        (outside / "404.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    os.symlink(target, theme / link)
    code, out, err = cli("build", str(root), "--no-cache")
    assert "Traceback" not in err and leaked(root) == []
    if code:
        assert "leads out of the project" in err and not (root / "site").exists()


def test_a_theme_folder_linked_from_outside_the_project_is_refused(make_project, outside):
    (outside / "templates").mkdir()
    (outside / "templates/404.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    root = make_project({"fine": brief()}, config="theme: t\n")
    (root / "themes").mkdir()
    os.symlink(outside, root / "themes/t")
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "themes/t leads out of the project" in err and leaked(root) == []


def test_an_empty_project_says_where_briefs_go(make_project, tmp_path):
    root = make_project()
    code, out, err = cli("check", str(root))
    assert code == 0 and "no briefs: content/briefs/ holds no .md files" in err
    os.rmdir(root / "content/briefs")
    for command in ("check", "rank", "build"):
        code, out, err = cli(command, str(root))
        assert code == 0 and "no briefs: there is no content/briefs/ folder" in err, (command, err)
    code, out, err = cli("check", str(root), "--format", "json")
    assert json.loads(out)["summary"]["briefs"] == 0  # the note goes to stderr; stdout stays JSON


def test_quoting_the_source_line_never_opens_a_fifo(tmp_path):
    from playbook.cli.report import Style, format_diagnostics
    from playbook.diagnostics import Diagnostic, Severity
    from tests.support.hostile import deadline

    os.mkfifo(tmp_path / "pipe.md")  # a file swapped for a FIFO after it was read, say
    finding = Diagnostic("pipe.md", 1, 1, Severity.ERROR, "PB001", "front-matter", "is not a regular file")
    with deadline(5):
        text = format_diagnostics(tmp_path, [finding], Style(False))
    assert text == "pipe.md:1:1: error PB001 front-matter: is not a regular file\n\n"


def test_two_pages_with_one_address_are_pb005_not_a_crash(make_project):
    root = make_project({"a": brief()}, pages={"x": "---\ntitle: X\nslug: y\n---\nbody", "y": "# Y"})
    assert findings(root) == (1, [("y.md", "PB005", 1, 1)])
    code, out, err = cli("build", str(root), "--no-cache")
    assert code == 1 and "Traceback" not in err and not (root / "site").exists()


def test_markdown_that_is_not_read_gets_a_diagnostic(make_project, outside):
    root = make_project({"fine": brief()})
    os.symlink(outside / "secret.md", root / "content/briefs/leak.md")
    os.symlink(outside, root / "content/briefs/folder")
    os.symlink(outside / "secret.md", root / "content/page-leak.md")
    os.symlink(root / "content/briefs/nothing.md", root / "content/briefs/dangling.md")
    (root / "shared").mkdir()
    os.symlink(root / "shared", root / "content/shared")
    os.mkfifo(root / "content/briefs/pipe.md")
    (root / "logo.png").write_bytes(b"png")
    os.symlink(root / "logo.png", root / "content/logo.png")  # not Markdown: nothing to say
    code, found = findings(root)
    assert (code, found) == (
        1,
        [
            (name, "PB001", 1, 1)
            for name in ("dangling.md", "folder", "leak.md", "pipe.md", "page-leak.md", "shared")
        ],
    )
    out = cli("check", str(root), "--no-cache")[1]
    assert (
        "content/briefs/leak.md:1:1: error PB001 front-matter: content/briefs/leak.md is a symlink "
        "leading out of the project" in out
    )
    assert SECRET not in out
