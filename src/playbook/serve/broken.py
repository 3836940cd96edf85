"""What ``serve`` previews while some files have errors: every brief and page that builds, as
Vite, Astro and Hugo's server keep the rest of a site up. A brief or page with errors is left out
(of the ranking, the groups, the search), and its own address answers with its errors instead.
``build`` never does this: it makes no site from content with errors."""

from __future__ import annotations

import html
from pathlib import PurePosixPath

from msgspec import Struct
from msgspec.structs import replace

from playbook.analysis.project import Analysis
from playbook.analysis.ranking import rank_briefs
from playbook.diagnostics import Diagnostic, failing
from playbook.layout import BRIEFS, CONTENT
from playbook.load.evals import eval_file


class BrokenFile(Struct, frozen=True):
    """A brief or page left out of the preview: its file, its address in the site, what to call
    it, and the errors that keep it out."""

    path: str
    address: str  # the site file its page would be, e.g. "briefs/refunds/index.html"
    title: str
    errors: tuple[Diagnostic, ...]

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "url": "/" + self.address.removesuffix("index.html"),
            "title": self.title,
            "errors": len(self.errors),
            "draft": self.draft,
        }

    @property
    def draft(self) -> bool:
        """Whether it is marked ``draft: true`` (its errors count because drafts are shown)."""
        return any(error.draft for error in self.errors)


def leave_out_broken(analysis: Analysis, drafts: bool) -> tuple[Analysis, tuple[BrokenFile, ...]]:
    """Return the analysis without the briefs and pages that have errors (ranked again without
    them), and those files, in path order. Errors count as ``check`` counts them: a draft's only
    when ``drafts`` are shown."""
    errors = failing(analysis.diagnostics, drafts=drafts)
    if not errors:
        return analysis, ()
    by_path: dict[str, list[Diagnostic]] = {}
    for error in errors:
        by_path.setdefault(error.path, []).append(error)
    named = {brief.path: brief for brief in (*analysis.briefs, *analysis.partial)}
    # A brief whose evaluation file has errors is broken too, and shows them at its address.
    attributed = set()
    for brief in analysis.briefs:
        if brief.model.eval and eval_file(brief.model.eval) in by_path:
            attributed.add(eval_file(brief.model.eval))
            by_path.setdefault(brief.path, []).extend(by_path[eval_file(brief.model.eval)])
    for path in attributed:
        del by_path[path]
    pages = {page.path: page for page in analysis.pages}
    broken = []
    for path, found in sorted(by_path.items()):
        if path in named:
            brief = named[path]
            broken.append(BrokenFile(path, f"briefs/{brief.slug}/index.html", brief.title, tuple(found)))
        elif path in pages:
            page = pages[path]
            broken.append(BrokenFile(path, f"{page.slug}/index.html", page.title, tuple(found)))
        else:
            broken.append(BrokenFile(path, _address(path), PurePosixPath(path).name, tuple(found)))
    out = {file.path for file in broken}
    kept = [brief for brief in analysis.briefs if brief.path not in out]
    preview = replace(
        analysis,
        briefs=tuple(kept),
        pages=tuple(page for page in analysis.pages if page.path not in out),
        ranking=rank_briefs(kept, analysis.metrics),
        # Shown at their own addresses and in the overlay, not counted on pages that leave them out.
        diagnostics=tuple(d for d in analysis.diagnostics if d.path not in out),
    )
    return preview, tuple(broken)


def _address(path: str) -> str:
    """Return the address a file that did not load would have had: a brief's by its file name, a
    page's by its path under content/; "" for any other file (an evaluation file, the config)."""
    pure = PurePosixPath(path)
    if pure.suffix != ".md" or not path.startswith(f"{CONTENT}/"):
        return ""
    if str(pure.parent) == BRIEFS:
        return f"briefs/{pure.stem}/index.html"
    return f"{pure.relative_to(CONTENT).with_suffix('').as_posix()}/index.html"


def broken_page(file: BrokenFile) -> bytes:
    """Return the page a broken brief's or page's address answers with: its errors, where they
    are and how to fix each. Every piece of text is escaped: diagnostics quote the author's file."""
    items = "".join(
        "<li><p class=where>"
        + html.escape(f"{d.path}:{d.line}:{d.column}")
        + f" <b>{html.escape(d.code)} {html.escape(d.name)}</b></p><p>{html.escape(d.message)}</p>"
        + (f"<p class=hint>hint: {html.escape(d.hint)}</p>" if d.hint else "")
        + "</li>"
        for d in file.errors
    )
    count = len(file.errors)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1"><link rel=icon href="data:,">'
        f"<title>Errors in {html.escape(file.path)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{html.escape(file.title)} is left out of the preview</h1>"
        f"<p><code>{html.escape(file.path)}</code>{' (a draft)' if file.draft else ''} has "
        f"{count} error{'s' if count != 1 else ''}. "
        "Fix and save: this page reloads. The rest of the playbook is served as it builds; "
        "<code>playbook build</code> builds nothing until every error is fixed.</p>"
        f"<ol>{items}</ol><p><a href=/>The playbook</a></p></main></body></html>"
    ).encode("utf-8")


_STYLE = (
    "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}"
    "main{max-width:46rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.5rem;line-height:1.25}"
    "ol{padding-left:1.25rem}li{margin:0 0 1rem;padding:.5rem .75rem;background:#fff;"
    "border-left:4px solid #c62828;overflow-wrap:anywhere}li p{margin:.25rem 0}"
    ".where{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.875rem;color:#555}"
    ".hint{color:#2e5d32}code{overflow-wrap:anywhere}"
)
