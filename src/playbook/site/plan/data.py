"""The machine-readable files of the site, each made as pieces of bytes (``playbook.json`` a piece
a brief, never whole in memory): ``playbook.json``, the search index, and with a base URL the
Atom feed and the sitemap."""

from __future__ import annotations

import json
from typing import Callable, Iterable, Iterator

from playbook import __version__
from playbook.load.config import Config
from playbook.load.model import Brief
from playbook.site.plan.feeds import render_atom, render_sitemap
from playbook.site.plan.planned import once
from playbook.site.views.briefs import SiteViews

Maker = Callable[[], Iterable[bytes]]
COMPACT = (",", ":")  # no spaces after separators: a tenth of playbook.json


def data_makers(
    views: SiteViews,
    config: Config,
    base_url: str,
    page_paths: list[str],
    search_entries: Callable[[], list[dict]],
) -> dict[str, Maker]:
    """Return each data file's site path and how to make its pieces; ``search_entries`` gives every
    shown brief's entry in rank order, when the index is made."""
    entries = once(search_entries)  # two files read them: made once
    makers: dict[str, Maker] = {
        "playbook.json": lambda: playbook_json(views, config),
        "assets/search-index.js": lambda: (search_index(entries()),),
        "assets/search-words.js": lambda: (search_words(entries()),),
        "assets/ranking-index.js": lambda: ranking_index(views),
    }
    if base_url:
        makers["feed.xml"] = lambda: (render_atom(config.title, base_url, views.views_in_rank_order()),)
        makers["sitemap.xml"] = lambda: (
            render_sitemap(
                base_url, page_paths, {v.path + "index.html": v.updated for v in views.views_in_rank_order()}
            ),
        )
    return makers


def search_index(entries: list[dict]) -> bytes:
    """Return the search index script: every brief's title, path, status, tags, sufferer, problem
    and owner, in rank order. The search page searches it, and the index's filter shows and
    filters the ranking's rows from it (the ranking index refers to its entries by position)."""
    return _script(
        "PLAYBOOK_SEARCH", [{key: value for key, value in e.items() if key != "x"} for e in entries]
    )


def search_words(entries: list[dict]) -> bytes:
    """Return the words script: each brief's body words, in the search index's order; only the
    search page reads it, so the index's filter never loads the bodies."""
    return _script("PLAYBOOK_WORDS", [entry.get("x", "") for entry in entries])


def _script(name: str, value: object) -> bytes:
    """Return a script that sets ``window.<name>`` to ``value``: a script, not JSON, so that it loads
    from ``file://`` too."""
    return f"window.{name} = {json.dumps(value, ensure_ascii=False, separators=COMPACT)};\n".encode("utf-8")


RANKING_FIELDS = (
    "rank sufferer pain completeness fit score tier verdict updated required model tags movement".split()
)


def ranking_index(views: SiteViews) -> Iterator[bytes]:
    """Yield the ranking's compact index: one row of ``RANKING_FIELDS`` per ranked brief, in rank
    order, from which the index page filters and sorts the whole ranking, and a paged tag, status or
    sufferer page sorts its whole list, without a table of every brief (a script, not JSON, so it
    loads from ``file://`` too). Row i is the search index's entry ``first`` + i (0: the search
    index lists the ranked briefs first), which has the brief's words; ``sufferer`` is a position
    in ``sufferers``, the paths of the sufferer pages; a row ends where only empty values would
    follow."""
    shown = [views.views[entry.brief.slug] for entry in views.ranking.ranked]
    sufferers = list(dict.fromkeys(v.who_path for v in shown))
    where = {path: i for i, path in enumerate(sufferers)}
    yield (
        b'window.PLAYBOOK_RANKING = {"first":0,"fields":'
        + json.dumps(RANKING_FIELDS).encode("utf-8")
        + b',"sufferers":'
        + json.dumps(sufferers, ensure_ascii=False, separators=COMPACT).encode("utf-8")
        + b',"rows":[\n'
    )
    separator = b""
    for v in shown:
        m = v.metrics
        move = [v.movement.kind, v.movement.label, v.movement.description] if v.movement else None
        row = [
            v.rank,
            where[v.who_path],
            m.pain,
            m.completeness,
            m.fit,
            m.score,
            m.tier,
            m.verdict,
            v.updated,
        ]
        row += [m.required_accuracy, m.model_accuracy, [tag.path for tag in v.tags], move]
        while row and row[-1] in (None, "", []):
            row.pop()
        yield separator + json.dumps(row, ensure_ascii=False, separators=COMPACT).encode("utf-8")
        separator = b",\n"
    yield b"\n]};\n"


def playbook_json(views: SiteViews, config: Config) -> Iterator[bytes]:
    """Yield ``playbook.json``: the playbook's title and every shown brief's data and numbers."""
    # One brief a line, each through the C encoder (json's indent= falls back to pure Python).
    head = json.dumps(
        {"title": config.title, "description": config.description, "generator": f"playbook {__version__}"},
        ensure_ascii=False,
        separators=COMPACT,
    )[:-1]
    yield f'{head},"briefs":[\n'.encode("utf-8")
    separator = b""
    for brief in views.in_rank_order():
        data = {
            key: value for key, value in brief_data(views, brief).items() if value is not None
        }  # null: left out
        yield separator + json.dumps(data, ensure_ascii=False, separators=COMPACT).encode("utf-8")
        separator = b",\n"
    yield b"\n]}\n"


def brief_data(views: SiteViews, brief: Brief) -> dict:
    """Return one brief's entry of ``playbook.json``: ``rank --format json``'s keys but ``why`` (a
    sentence made of the numbers, on the brief's page), and each lever's change in short, without
    the example the page gives (the same for every brief)."""
    view = views.views[brief.slug]
    m = view.metrics
    levers = view.levers
    return {
        "slug": brief.slug,
        "title": brief.title,
        "status": brief.status,
        "rank": view.rank,
        "tier": m.tier,
        "score": m.score,
        "pain": m.pain,
        "completeness": m.completeness,
        "required_accuracy": m.required_accuracy,
        "model_accuracy": m.model_accuracy,
        "fit": m.fit,
        "path": view.path,
        "owner": brief.owner,
        "updated": view.updated,
        "tags": list(brief.tags),
        "sufferer": {
            "who": brief.sufferer.who,
            "losing": brief.sufferer.losing,
            "evidence": list(brief.sufferer.evidence),
        },
        "pain_inputs": {
            "severity": brief.pain.severity,
            "frequency": brief.pain.frequency,
            "reach": brief.pain.reach,
        },
        "good_enough": {
            "when_wrong": view.when_wrong,
            "error_cost": view.error_cost,
            "catchability": view.catchability,
            "alternative": view.alternative,
            "emotional_state": view.emotional_state,
        },
        "model": {
            "accuracy": m.model_accuracy if brief.model.eval else brief.model.accuracy,
            "measured_on": brief.model.measured_on,
        },
        **views.analysis.metrics[brief.slug].measured(),
        "scope": {
            "problem": view.problem,
            "workflow_steps": list(view.workflow_steps),
            "covered_steps": list(view.covered_steps),
        },
        "related": [s for s in views.analysis.graph.related(brief.slug) if s in views.visible],
        "levers": None
        if levers is None
        else {
            "smallest": None
            if levers.smallest is None
            else {"change": levers.smallest.short, "required_accuracy": levers.smallest.required_accuracy},
            "single": [
                {"change": lv.short, "required_accuracy": lv.required_accuracy, "closes_gap": lv.closes_gap}
                for lv in levers.single
            ],
        },
    }
