"""Whatever a theme's template raises — a division by zero, a macro that calls itself for ever, a
loop that never ends — is a diagnostic naming the template and its line: ``build`` exits 1 and
keeps the previous site, ``serve`` shows it over the page and picks up the fix."""

from __future__ import annotations

import time

import pytest

from playbook.serve.server import DevSite, respond
from tests.support.briefs import brief
from tests.support.hostile import cli, deadline, snapshot

pytestmark = pytest.mark.usefixtures("fixed_date")

BROKEN = {
    "division by zero": (
        "{% extends 'default/brief.html' %}\n{% block content %}\n{{ 1 // 0 }}\n{% endblock %}\n",
        "themes/t/templates/brief.html:3: ZeroDivisionError",
    ),
    "endless macro": (
        "{% extends 'default/brief.html' %}\n{% macro deeper(n) %}{{ deeper(n + 1) }}{% endmacro %}\n"
        "{% block content %}{{ deeper(1) }}{% endblock %}\n",
        "themes/t/templates/brief.html:2: RecursionError",
    ),
    "error in python": (
        "{% extends 'default/brief.html' %}\n{% block content %}\n\n{{ brief.title.nope() }}\n"
        "{% endblock %}\n",
        "themes/t/templates/brief.html:4:",
    ),
}
GOOD = "{% extends 'default/brief.html' %}\n{% block content %}fixed {{ super() }}{% endblock %}\n"


def themed(make_project, count: int = 2):
    root = make_project({f"b{i}": brief() for i in range(count)}, config="theme: t\n")
    (root / "themes/t/templates").mkdir(parents=True)
    return root, root / "themes/t/templates/brief.html"


@pytest.mark.parametrize("count", [2, 260], ids=["one process", "the fork pool"])
@pytest.mark.parametrize("kind", BROKEN)
def test_build_reports_any_template_exception_and_keeps_the_site(make_project, kind, count):
    root, template = themed(make_project, count)
    template.write_text(GOOD)
    assert cli("build", str(root))[0] == 0
    before = snapshot(root / "site")
    text, where = BROKEN[kind]
    template.write_text(text)
    code, out, err = cli("build", str(root))
    assert code == 1 and "Traceback" not in err, err
    assert where in err and "(while rendering briefs/b" in err and "left as it was" in err
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == [
        ".playbook-cache",
        "content",
        "playbook.yaml",
        "site",
        "themes",
    ]


@pytest.mark.parametrize("kind", BROKEN)
def test_serve_shows_a_template_exception_and_picks_up_the_fix(make_project, kind):
    root, template = themed(make_project)
    template.write_text(GOOD)
    site = DevSite(root)
    assert site.rebuild().errors == ()
    text, where = BROKEN[kind]
    template.write_text(text)
    report = site.rebuild({str(template)})
    assert report.errors and where in report.errors[0].message
    page = respond(site, "GET", "/briefs/b0/", "localhost")
    assert (
        page.status == 200 and b"/__playbook__/live.js" in page.body
    )  # the overlay script: the errors show over it
    assert where.encode() in site.state.to_json()
    template.write_text(GOOD)
    assert site.rebuild({str(template)}).errors == ()
    assert b"fixed" in respond(site, "GET", "/briefs/b0/", "localhost").body


def test_a_template_that_loops_for_ever_is_stopped_and_reported_in_serve(make_project, monkeypatch):
    import playbook.site.render.page as render

    monkeypatch.setattr(render, "RENDER_LIMIT", 1.0)
    monkeypatch.setattr("playbook.serve.devsite.RENDER_LIMIT", 1.0)
    root, template = themed(make_project)
    template.write_text(
        "{% extends 'default/brief.html' %}\n{% block content %}\n"
        "{% for i in range(10 ** 12) %}{% endfor %}{% endblock %}\n"
    )
    site = DevSite(root)
    with deadline(20):
        report = site.rebuild()
    assert (
        report.errors
        and "themes/t/templates/brief.html:3: rendering took over 1 s and was stopped"
        in report.errors[0].message
    )
    template.write_text(GOOD)
    started = time.monotonic()
    assert site.rebuild({str(template)}).errors == ()
    assert b"fixed" in respond(site, "GET", "/briefs/b0/", "localhost").body
    assert time.monotonic() - started < 5


def test_a_loop_reached_only_by_one_page_answers_that_page_with_the_error(make_project, monkeypatch):
    monkeypatch.setattr("playbook.site.render.page.RENDER_LIMIT", 1.0)
    monkeypatch.setattr("playbook.serve.devsite.RENDER_LIMIT", 1.0)
    root, template = themed(make_project)
    template.write_text(
        "{% extends 'default/brief.html' %}\n{% block content %}{% if brief.slug == 'b1' %}"
        "{% for i in range(10 ** 12) %}{% endfor %}{% endif %}{{ super() }}{% endblock %}\n"
    )
    site = DevSite(root)
    assert site.rebuild().errors == ()  # the page tried at once was b0's
    with deadline(20):
        stuck = respond(site, "GET", "/briefs/b1/", "localhost")
        fine = respond(site, "GET", "/briefs/b0/", "localhost")
    assert stuck.status == 500 and b"rendering took over 1 s" in stuck.body
    assert fine.status == 200


def test_a_rebuild_that_fails_unexpectedly_is_reported_and_the_next_one_runs(make_project, monkeypatch):
    import playbook.serve.devsite as serve

    root = make_project({"a": brief()})
    site = DevSite(root)
    assert site.rebuild().errors == ()
    real = serve.analyse_project
    monkeypatch.setattr(serve, "analyse_project", lambda *a, **k: 1 // 0)
    report = site.rebuild({str(root / "content/briefs/a.md")})
    assert report.errors and "ZeroDivisionError" in report.errors[0].message
    monkeypatch.setattr(serve, "analyse_project", real)
    assert site.rebuild({str(root / "content/briefs/a.md")}).errors == ()


def test_the_rebuild_thread_outlives_a_failing_rebuild(tmp_path):
    from playbook.serve.watch import ChangeCollector

    calls = []

    def on_quiet(paths):
        calls.append(paths)
        if len(calls) == 1:
            raise RuntimeError("a bug")

    (tmp_path / "content").mkdir()
    collector = ChangeCollector(tmp_path, lambda: None, on_quiet, quiet=0.05)
    try:
        for name in ("a.md", "b.md"):
            event = type(
                "Event",
                (),
                {
                    "event_type": "modified",
                    "is_directory": False,
                    "src_path": str(tmp_path / "content" / name),
                },
            )()
            collector.on_any_event(event)
            give_up = time.monotonic() + 5
            while len(calls) < (1 if name == "a.md" else 2) and time.monotonic() < give_up:
                time.sleep(0.02)
        assert len(calls) == 2
    finally:
        collector.stop()
