"""The project's history in ``serve``, as ``build`` shows it (a Changes page, movement marks), so
the preview and the build have the same pages. The past is read from git once, and again only
when HEAD, a branch or a tag moves or ``history.since`` changes; each rebuild only compares it
with the content as it is now."""

from __future__ import annotations

from msgspec.structs import replace

from playbook.analysis.history import HistoryError, compared_with, history_since
from playbook.analysis.project import Analysis
from playbook.analysis.timeline import History
from playbook.load.gitstore import refs_state


class PastMemo:
    """The last history read, and what it was read for."""

    def __init__(self) -> None:
        self.key: tuple[str, str] | None = None
        self.history: History | None = None

    def attach(self, analysis: Analysis) -> Analysis:
        """Return ``analysis`` with its history when ``history.since`` asks for one and there is one
        to read (outside git, before the first commit, or at a ref that is not there: none)."""
        since = analysis.config.history.since
        if not since:
            return analysis
        key = (since, refs_state(analysis.root))
        if key != self.key:
            self.key = key
            try:
                self.history = history_since(analysis.root, analysis, since)
            except HistoryError:  # a ref that is not there: build says so; the preview goes on
                self.history = None
            return self._with(analysis)
        return self._with(analysis, compare=True)

    def _with(self, analysis: Analysis, compare: bool = False) -> Analysis:
        history = self.history
        if history is None or history.head is None:
            return analysis
        return replace(analysis, history=compared_with(history, analysis) if compare else history)
