"""A warm build reuses a page only when it is provably the bytes that page would have now: after
``--no-cache`` builds, ``-o`` builds, a read-only or foreign cache, an interruption between the
swap and the cache save, or a page damaged by hand, the site is always what a clean build gives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.load.cache import FOLDER
from tests.support.briefs import brief
from tests.support.hostile import cli

pytestmark = pytest.mark.usefixtures("fixed_date")

ORIGINAL = brief(("related: []", "related: [b]"))
EDITED = ORIGINAL.replace("title: Renewal-date", "title: EDITED Renewal-date")
PAGE = "briefs/a/index.html"


def pages(folder: Path) -> dict[str, bytes]:
    """Every file a reader sees: the site without playbook's own bookkeeping (dot files)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def clean_build(root: Path) -> dict[str, bytes]:
    """What a clean ``--no-cache`` build of the project as it is now gives."""
    reference = root.parent / f"{root.name}-reference"
    shutil.rmtree(reference, ignore_errors=True)
    copy = shutil.copytree(root / "content", reference / "content")
    assert copy.is_dir()
    if (root / "playbook.yaml").exists():
        shutil.copy(root / "playbook.yaml", reference / "playbook.yaml")
    code, _, err = cli("build", str(reference), "--no-cache")
    assert code == 0, err
    return pages(reference / "site")


@pytest.fixture
def project(make_project) -> Path:
    return make_project({"a": ORIGINAL, "b": brief()})


def write(root: Path, text: str) -> None:
    (root / "content/briefs/a.md").write_text(text)


def build(root: Path, *args: str) -> str:
    code, out, err = cli("build", str(root), *args)
    assert code == 0 and "Traceback" not in err, err
    return out


def test_a_no_cache_build_between_two_builds_is_not_mistaken_for_the_cached_one(project):
    build(project)
    write(project, EDITED)
    build(project, "--no-cache")
    write(project, ORIGINAL)
    out = build(project)
    assert b"EDITED" not in (project / "site" / PAGE).read_bytes(), out
    assert pages(project / "site") == clean_build(project)


def test_a_build_into_another_folder_does_not_describe_site(project):
    build(project)
    write(project, EDITED)
    build(project, "-o", str(project / "other"))  # the cache now describes other/, not site/
    build(project)
    assert b"EDITED" in (project / "site" / PAGE).read_bytes()
    assert pages(project / "site") == clean_build(project)
    write(project, ORIGINAL)
    build(project, "-o", str(project / "other"))
    assert pages(project / "other") == clean_build(project)


def test_a_cache_that_cannot_be_written_never_publishes_stale_pages(project, monkeypatch):
    """A read-only cache folder (which root, running these tests, cannot make): writes fail and
    are skipped, so the cache keeps describing an older build."""
    import playbook.load.cache as cache

    build(project)
    with monkeypatch.context() as patch:
        patch.setattr(cache.Signed, "write", lambda self, entries: None)
        write(project, EDITED)
        build(project)
        write(project, ORIGINAL)
        build(project)
    assert b"EDITED" not in (project / "site" / PAGE).read_bytes()
    assert pages(project / "site") == clean_build(project)


def test_another_projects_cache_copied_in_never_publishes_its_pages(make_project):
    mine = make_project({"a": ORIGINAL, "b": brief()})
    theirs = make_project({"a": EDITED, "b": brief()})
    build(mine)
    build(theirs)
    shutil.rmtree(mine / FOLDER)
    shutil.copytree(theirs / FOLDER, mine / FOLDER)
    write(mine, EDITED)  # their cache describes this content, but their site, not mine
    build(mine)
    assert b"EDITED" in (mine / "site" / PAGE).read_bytes()
    assert pages(mine / "site") == clean_build(mine)


@pytest.mark.parametrize("moment", ["render cache", "source cache"])
def test_an_interruption_between_the_swap_and_the_cache_save(project, monkeypatch, moment):
    import playbook.load.cache as cache
    import playbook.site.rendercache as rendercache

    build(project)
    write(project, EDITED)

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    target = rendercache.RenderCache if moment == "render cache" else cache.SourceCache
    with monkeypatch.context() as patch:
        patch.setattr(target, "save", interrupted)
        code, _, err = cli("build", str(project))
    assert code == 130 and "Traceback" not in err
    write(project, ORIGINAL)
    build(project)
    assert pages(project / "site") == clean_build(project)


@pytest.mark.parametrize("damage", ["truncated", "same length", "deleted"])
def test_a_page_damaged_by_hand_is_repaired_by_the_next_build(project, damage):
    build(project)
    page = project / "site" / PAGE
    data = page.read_bytes()
    if damage == "truncated":
        page.write_bytes(data[:100])
    elif damage == "same length":
        times = os.stat(page)
        page.write_bytes(data.replace(b"Renewal-date", b"RENEWAL-DATE"))
        os.utime(page, ns=(times.st_atime_ns, times.st_mtime_ns))
    else:
        page.unlink()
    out = build(project)
    assert page.read_bytes() == data, out


def test_unchanged_pages_are_still_linked_rather_than_written(project):
    build(project)
    out = build(project)
    assert "(0 written," in out
    write(project, EDITED)
    out = build(project)
    assert "(0 written" not in out and "unchanged" in out
    assert pages(project / "site") == clean_build(project)


# --- Any sequence of the above ends in a clean build's site ---------------------------------------

STEPS = st.sampled_from(
    [
        "edit",
        "revert",
        "build",
        "build --no-cache",
        "build -o other",
        "build other -> site",
        "damage cache",
        "delete cache",
        "interrupt",
        "damage page",
        "copy other over site",
    ]
)


@settings(
    max_examples=int(os.environ.get("PLAYBOOK_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEPS, min_size=1, max_size=8))
def test_any_sequence_ends_with_the_site_a_clean_build_gives(make_project, monkeypatch, steps):
    from playbook.site.rendercache import RenderCache

    root = make_project({"a": ORIGINAL, "b": brief()})
    site, other = root / "site", root / "other"
    for step in steps:
        if step == "edit":
            write(root, EDITED)
        elif step == "revert":
            write(root, ORIGINAL)
        elif step == "build":
            build(root)
        elif step == "build --no-cache":
            build(root, "--no-cache")
        elif step == "build -o other":
            build(root, "-o", str(other))
        elif step == "build other -> site" and other.is_dir():
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(other, site)  # a deploy script that copies one output over another
        elif step == "copy other over site" and other.is_dir() and site.is_dir():
            for path in other.rglob("*"):
                if path.is_file() and not path.name.startswith("."):
                    shutil.copy(path, site / path.relative_to(other))
        elif step == "damage cache" and (root / FOLDER).is_dir():
            for path in (root / FOLDER).iterdir():
                path.write_bytes(path.read_bytes()[:64])
        elif step == "delete cache":
            shutil.rmtree(root / FOLDER, ignore_errors=True)
        elif step == "interrupt":
            with monkeypatch.context() as patch:
                patch.setattr(
                    RenderCache,
                    "save",
                    lambda self, *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()),
                )
                code, _, err = cli("build", str(root))
            assert code == 130 and "Traceback" not in err
        elif step == "damage page" and (site / PAGE).is_file():
            (site / PAGE).write_bytes(b"<p>damaged</p>")
    build(root)
    assert pages(site) == clean_build(root)
    shutil.rmtree(root.parent / f"{root.name}-reference", ignore_errors=True)
