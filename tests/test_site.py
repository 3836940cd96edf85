"""Building the site: every page of DESIGN §6 exists and says what it must; links resolve;
hostile content stays inert; failed builds keep the old site; builds are reproducible."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.support.briefs import brief
from tests.support.hostile import cli
from tests.support.htmlcheck import live_markup
from tests.support.sitecheck import broken_links, parse, unpublished

REPO = Path(__file__).resolve().parent.parent
THEME_SCRIPTS = {p.name for p in (REPO / "src/playbook/themes/default/assets").glob("*.js")} | {
    "search-index.js",
    "search-words.js",
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The repository's example playbook, built once with a base URL."""
    from playbook.cli.main import main

    root = tmp_path_factory.mktemp("example")
    shutil.copytree(REPO / "content", root / "content")
    assert main(["build", str(root), "--base-url", "https://example.com/team/playbook/"]) == 0
    return root / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_exists(example):
    briefs = sorted(p.stem for p in (REPO / "content/briefs").glob("*.md"))
    expected = [
        "index.html",
        "404.html",
        "criteria/index.html",
        "search/index.html",
        "tags/index.html",
        "status/index.html",
        "sufferers/index.html",
        "about/index.html",
        "writing-a-brief/index.html",
        "playbook.json",
        "feed.xml",
        "sitemap.xml",
        "assets/search-index.js",
    ]
    expected += [f"briefs/{slug}/index.html" for slug in briefs]
    expected += [
        "tags/legal/index.html",
        "status/killed/index.html",
        "sufferers/in-house-counsel-at-mid-size-saas-companies/index.html",
    ]
    missing = [path for path in expected if not (example / path).is_file()]
    assert missing == []


def test_index_ranks_in_tiers_with_chart_and_health(example):
    html = page(example, "index.html")
    ranking = json.loads(page(example, "playbook.json"))["briefs"]
    ranked = [b for b in ranking if b.get("rank") is not None]
    positions = [html.index(f'href="briefs/{b["slug"]}/index.html"') for b in ranked]
    assert positions == sorted(positions), "ranked briefs appear in rank order"
    assert '<svg class="quadrant"' in html and "Pain against completeness" in html
    unranked = [b for b in ranking if b.get("rank") is None]
    assert {b["status"] for b in unranked} == {"shipped", "parked", "killed"}
    for b in unranked:
        assert b["title"] in html
    assert 'href="criteria/index.html' in html


def test_brief_page_explains_itself(example):
    html = page(example, "briefs/msa-redline-review/index.html")
    assert "Ranked 12 of 12, behind every ready brief: the workflow needs 0.97 but the model has 0.85" in html
    assert "</strong> (needs 0.85)" in html  # the smallest lever
    assert "PB202" in html and "model-gap" in html
    answer = re.search(r"<strong>Ready today if (.*?)</strong>", html).group(1)
    assert html.count(answer) == 1  # the levers say it; PB202's line points to them
    assert "what would make today&#39;s model good enough is in the summary above" in html
    assert 'href="../lease-abstraction/index.html"' in html  # related
    assert "Clause family" in html  # the body's table
    gap_free = page(example, "briefs/discharge-med-reconciliation/index.html")
    assert "waits on a better model" in gap_free


def test_the_data_says_the_levers_in_short_and_leaves_the_sentence_to_the_page(example):
    data = {b["slug"]: b for b in json.loads(page(example, "playbook.json"))["briefs"]}
    levers = data["msa-redline-review"]["levers"]
    changes = [levers["smallest"]["change"]] + [lever["change"] for lever in levers["single"]]
    assert len(changes) > 2 and all(c and "(e.g." not in c for c in changes)
    assert changes[1] in page(example, "briefs/msa-redline-review/index.html")  # the page's words
    assert not any("why" in b for b in data.values())  # rank --format json has it; the page says it


def test_backlinks_and_wikilinks(example):
    data = {b["slug"]: b for b in json.loads(page(example, "playbook.json"))["briefs"]}
    target = "launch-email-drafts"
    sources = [slug for slug, b in data.items() if target in b["related"]]
    html = page(example, f"briefs/{target}/index.html")
    for source in sources:
        assert f'href="../{source}/index.html"' in html
    invoice = page(example, "briefs/invoice-gl-coding/index.html")
    assert '<a class="wikilink" href="../customs-doc-extraction/index.html">' in invoice


def test_every_internal_link_resolves(example):
    assert broken_links(example) == []


def test_feed_and_sitemap_use_the_base_url(example):
    feed = page(example, "feed.xml")
    sitemap = page(example, "sitemap.xml")
    assert "<id>https://example.com/team/playbook/briefs/" in feed
    assert "<loc>https://example.com/team/playbook/</loc>" in sitemap
    assert (
        "<loc>https://example.com/team/playbook/briefs/msa-redline-review/</loc><lastmod>2026-11-18</lastmod>"
        in sitemap
    )
    assert "404" not in sitemap
    assert '<link rel="self" href="https://example.com/team/playbook/feed.xml"/>' in feed
    assert unpublished(example, "https://example.com/team/playbook/") == []


def test_no_feed_or_sitemap_without_base_url(make_project, run):
    root = make_project({"a": brief()})
    assert run("build", str(root))[0] == 0
    assert not (root / "site/feed.xml").exists() and not (root / "site/sitemap.xml").exists()
    assert (root / "site/playbook.json").exists()


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"


def test_hostile_strings_in_every_field_stay_inert(make_project, run):
    h = json.dumps(HOSTILE)  # a JSON string is a valid double-quoted YAML scalar
    text = brief(
        ("title: Renewal-date extraction for in-house legal", f"title: {h}"),
        ("owner: Dana Lee", f"owner: {h}"),
        ("tags: [legal, extraction]", f"tags: [{h}, 'javascript:alert(4)']"),
        ("  who: In-house counsel at mid-size SaaS companies", f"  who: {h}"),
        (
            "  losing: 6 hours a week re-reading vendor contracts for renewal terms",
            f"  losing: {json.dumps('6 hours ' + HOSTILE)}",
        ),
        ("    - 12 interviews; 9 named it a top-3 pain", f"    - {h}"),
        ("  when_wrong: A missed auto-renewal clause renews an unwanted contract", f"  when_wrong: {h}"),
        ("  alternative: A paralegal reads every contract, 45 minutes each", f"  alternative: {h}"),
        ("  measured_on: 500 real vendor contracts, hand-labelled", f"  measured_on: {h}"),
        ("  problem: Extract the renewal date and notice period from vendor contracts", f"  problem: {h}"),
        ("  workflow_steps: [upload, extract, verify, export]", f"  workflow_steps: [{h}, extract]"),
        ("  covered_steps: [upload, extract, verify, export]", f"  covered_steps: [{h}, extract]"),
        (
            "Interviews and notes.",
            f"{HOSTILE}\n\n[x](javascript:alert(5)) [[a|{HOSTILE}]] <a "
            f'href="javascript:alert(6)">y</a>\n\n```\n{HOSTILE}\n```',
        ),
    )
    root = make_project(
        {"a": text},
        pages={"about": f"---\ntitle: {h}\ndescription: {h}\n---\n{HOSTILE}"},
        config=f"title: {h}\ndescription: {h}\n",
    )
    code, out, err = run("build", str(root), "--base-url", "https://example.com/")
    assert code == 0, err
    site = root / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        assert live_markup(path.read_text(encoding="utf-8"), THEME_SCRIPTS) == [], path
    for path in ("feed.xml", "sitemap.xml"):
        assert "<script" not in page(site, path)
    json.loads(page(site, "playbook.json"))


def test_a_failed_build_keeps_the_previous_site(make_project, run):
    root = make_project({"a": brief(), "b": brief()})
    assert run("build", str(root))[0] == 0
    before = snapshot(root / "site")
    (root / "content/briefs/b.md").write_text("---\ntitle: [broken\n---\n")
    code, out, err = run("build", str(root))
    assert code == 1 and "PB001" in err and "left as it was" in err
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == [
        ".playbook-cache",
        "content",
        "site",
    ]  # no staging folder left


def test_two_builds_are_identical(make_project, run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    root = make_project(
        {"a": brief(), "b": brief(("related: []", "related: [a]"))}, pages={"about": "# About"}
    )
    assert run("build", str(root), "-o", str(root / "one"), "--base-url", "https://x.example/")[0] == 0
    assert run("build", str(root), "-o", str(root / "two"), "--base-url", "https://x.example/")[0] == 0
    assert snapshot(root / "one") == snapshot(root / "two")


@pytest.mark.parametrize("output", [".", "content", "content/briefs", "..", "notes"])
def test_refused_output_touches_nothing(make_project, run, output):
    root = make_project({"a": brief()})
    (root / "notes").mkdir()
    (root / "notes/plan.txt").write_text("keep me")
    before = snapshot(root.parent)
    code, _, err = run("build", str(root), "-o", str(root / output))
    assert code == 2 and "refusing" in err
    assert snapshot(root.parent) == before


def test_project_theme_overrides_one_template_and_extends_another(make_project, run):
    root = make_project({"a": brief()}, config="theme: acme\n")
    templates = root / "themes/acme/templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text("<!doctype html><title>x</title><p>Acme lost it</p>\n")
    (templates / "brief.html").write_text(
        '{% extends "default/brief.html" %}{% block content %}'
        '<p class="acme">Acme says: {{ brief.title }}</p>{{ super() }}{% endblock %}'
    )
    (root / "themes/acme/assets").mkdir()
    (root / "themes/acme/assets/extra.css").write_text("p{}")
    code, _, err = run("build", str(root))
    assert code == 0, err
    assert page(root / "site", "404.html") == "<!doctype html><title>x</title><p>Acme lost it</p>\n"
    html = page(root / "site", "briefs/a/index.html")
    assert '<p class="acme">Acme says: Renewal-date extraction for in-house legal</p>' in html
    assert "Ranked 1 of 1" in html  # the default template's content is still there
    assert (root / "site/assets/extra.css").exists() and (root / "site/assets/style.css").exists()


def test_unknown_theme_and_broken_template(make_project, run):
    root = make_project({"a": brief()}, config="theme: nowhere\n")
    code, _, err = run("build", str(root))
    assert code == 2 and "playbook.yaml:1:8:" in err and "no folder themes/nowhere/" in err
    root = make_project({"a": brief()}, config="theme: bad\n")
    (root / "themes/bad/templates").mkdir(parents=True)
    (root / "themes/bad/templates/index.html").write_text("{{ no_such_variable.x }}")
    code, _, err = run("build", str(root))
    assert code == 1 and "index.html" in err and "no_such_variable" in err and not (root / "site").exists()


def test_drafts_are_left_out_unless_asked(make_project, run):
    draft = brief(
        ("status: exploring", "status: exploring\ndraft: true"),
        ("title: Renewal-date extraction for in-house legal", "title: Secret draft title"),
        ("tags: [legal, extraction]", "tags: [legal, draft-only-tag]"),
        ("  accuracy: 0.93", "  accuracy: 0.5"),
    )  # a finding (PB202), which must not show either
    root = make_project(
        {"a": brief(), "d": draft}, pages={"notes": "---\ntitle: Draft notes\ndraft: true\n---\nSecret page."}
    )
    assert run("build", str(root), "--base-url", "https://example.com/")[0] == 0
    assert not (root / "site/notes").exists()
    criteria = page(root / "site", "criteria/index.html")
    assert "model accuracy 0.50" not in criteria and "content/briefs/d.md" not in criteria
    assert not (root / "site/briefs/d").exists() and not (root / "site/tags/draft-only-tag").exists()
    for path in sorted((root / "site").rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "Secret draft title" not in text and "briefs/d/" not in text, path
    assert [b["slug"] for b in json.loads(page(root / "site", "playbook.json"))["briefs"]] == ["a"]
    assert run("build", str(root), "--drafts")[0] == 0
    drafted = page(root / "site", "briefs/d/index.html")
    assert "Secret draft title" in drafted and '<span class="badge draft">Draft</span>' in drafted
    for listing in ("index.html", "tags/legal/index.html"):  # marked wherever it is listed
        row = page(root / "site", listing).split(
            'href="../../briefs/d/index.html"' if "/" in listing else 'href="briefs/d/index.html"'
        )[1]
        assert (
            row.split("</th>")[0]
            .strip()
            .startswith('>Secret draft title</a> <span class="badge draft">Draft</span>')
        ), listing
    assert '"d":1' in page(root / "site", "assets/search-index.js") and "model accuracy 0.50" in page(
        root / "site", "criteria/index.html"
    )
    assert "Secret page." in page(root / "site", "notes/index.html")


def test_a_rebuild_leaves_no_temporary_folder_behind(make_project, run):
    root = make_project({"a": brief()})
    for _ in range(2):  # the second replaces the first, whose deletion runs alongside the cache save
        assert run("build", str(root))[0] == 0
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_tags_that_slugify_alike_keep_pages_of_their_own(make_project):
    names = ["日本", "中文", "C++", "C#", "C", "Legal", "legal", "con", "x" * 79 + "a", "x" * 79 + "b"]
    root = make_project(
        {
            f"b{i}": brief(("tags: [legal, extraction]", f"tags: [{json.dumps(name, ensure_ascii=False)}]"))
            for i, name in enumerate(names)
        }
    )
    assert cli("build", str(root), "--no-cache")[0] == 0
    pages = sorted(p.name for p in (root / "site/tags").iterdir() if p.is_dir())
    assert len(pages) == len(names) - 1  # Legal and legal share one page; every other tag has its own
    assert "legal" in pages and "c" in pages and "con" not in pages  # plain names keep plain addresses
    for i, name in enumerate(names):
        html = (root / f"site/briefs/b{i}/index.html").read_text(encoding="utf-8")
        tag_page = next(p for p in pages if f'href="../../tags/{p}/index.html"' in html)
        listed = (root / "site/tags" / tag_page / "index.html").read_text(encoding="utf-8")
        others = [j for j, other in enumerate(names) if f'href="../../briefs/b{j}/index.html"' in listed]
        assert others == ([5, 6] if name.lower() == "legal" else [i]), (name, tag_page, others)


def test_sufferers_that_slugify_alike_keep_pages_of_their_own(make_project):
    who = "  who: In-house counsel at mid-size SaaS companies"
    root = make_project(
        {
            "a": brief((who, "  who: Ärzte")),
            "b": brief((who, "  who: Arzte")),
            "c": brief((who, "  who: Aux")),
        }
    )
    assert cli("build", str(root), "--no-cache")[0] == 0
    pages = sorted(p.name for p in (root / "site/sufferers").iterdir() if p.is_dir())
    assert len(pages) == 3 and "arzte" in pages and "aux" not in pages


def test_body_headings_never_take_an_id_the_theme_uses(make_project):
    body = "## Main\n\n## Notes heading\n\n## Summary heading\n\n## Site search\n\n## Checklist heading"
    root = make_project({"a": brief(("Interviews and notes.", body))})
    assert cli("build", str(root), "--no-cache")[0] == 0
    html = (root / "site/briefs/a/index.html").read_text(encoding="utf-8")
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert parse(html).ids  # the page parsed


def test_a_tag_or_sufferer_in_nfc_and_nfd_is_one_page(make_project, run):
    import unicodedata

    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    assert nfc != nfd
    root = make_project(
        {
            "a": brief(
                ("tags: [legal, extraction]", f"tags: [{nfc}]"),
                ("  who: In-house counsel at mid-size SaaS companies", f"  who: Staff at the {nfc}"),
            ),
            "b": brief(
                ("tags: [legal, extraction]", f"tags: [{nfd}]"),
                ("  who: In-house counsel at mid-size SaaS companies", f"  who: Staff at the {nfd}"),
            ),
        }
    )
    assert run("build", str(root))[0] == 0
    tags = [p.name for p in (root / "site/tags").iterdir() if p.is_dir()]
    sufferers = [p.name for p in (root / "site/sufferers").iterdir() if p.is_dir()]
    assert len(tags) == 1 and len(sufferers) == 1
    page = (root / "site/tags" / tags[0] / "index.html").read_text()
    assert page.count('href="../../briefs/') >= 2


def test_the_site_and_the_command_line_call_infos_by_one_word(make_project, run):
    root = make_project({"a": brief(("  accuracy: 0.93", "  accuracy: 0.5"))})  # a warning: counts shown
    _, out, _ = run("check", str(root), "--color", "never")
    assert run("build", str(root), "-q")[0] == 0
    index = (root / "site/index.html").read_text()
    criteria = re.sub(r"\s+", " ", (root / "site/criteria/index.html").read_text())
    assert "infos" in out and "Infos</dt>" in index and "Notes</dt>" not in index
    assert re.search(r"\d+ infos?[,.]", criteria) and not re.search(r"\d+ notes?[,.]", criteria)
