"""Where a brief's accuracy comes from when it names its evaluation file (``model.eval``): each
file is read once per analysis and column, reused while its bytes are the same (in memory for
``serve``, in ``.playbook-cache/`` for builds), and a brief whose file cannot be used is reported
where the problem is and left out, as a brief with a schema error is."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Protocol

from playbook.diagnostics import Diagnostic
from playbook.load.cache import SourceCache
from playbook.load.evals import Evaluation, eval_digest, eval_file, eval_options, read_evaluation
from playbook.load.model import Brief
from playbook.rules import diagnostic

Read = Callable[[str], tuple]  # digest -> (Evaluation | None, diagnostics)


class EvaluationMemo(Protocol):
    """What ``serve`` keeps of evaluation files between analyses (``serve/memo.py``)."""

    def evaluation(self, root: Path, path: str, key: str, read: Read) -> tuple[str | None, str, tuple]:
        """Return (digest, why it cannot be read, what ``read(digest)`` gave) for the file now."""


def measure_briefs(
    root: Path, briefs: list[Brief], memo: EvaluationMemo | None, store: SourceCache | None
) -> tuple[list[Brief], dict[str, tuple[Evaluation, str]], list[Diagnostic]]:
    """Return the briefs that can be analysed, the evaluation (and its file's digest) of each
    brief that names one, by path, and the diagnostics of the files that cannot be used."""
    kept: list[Brief] = []
    measured: dict[str, tuple[Evaluation, str]] = {}
    found: list[Diagnostic] = []
    reported: set[str] = set()
    for brief in briefs:
        if not brief.model.eval:
            kept.append(brief)
            continue
        path = eval_file(brief.model.eval)
        options = eval_options(brief.model)
        key = f"{path}\n{options.key}"

        def read(digest: str, path: str = path, key: str = key, options=options) -> tuple:
            stored = store.get(key, digest) if store is not None else None
            if stored is None:
                stored = read_evaluation(root, path, options)
                if store is not None:
                    store.put(key, digest, stored)
            return stored

        if memo is not None:
            digest, why, (evaluation, problems) = memo.evaluation(root, path, key, read)
        else:
            digest, why = eval_digest(root, path)
            evaluation, problems = read(digest) if digest is not None else (None, [])
        span = brief.span("model.eval")
        if digest is None:
            found.append(
                diagnostic(
                    "PB008",
                    brief.path,
                    span.position,
                    f"model.eval: {path} {why}",
                    "point model.eval at the graded cases, a path under content/",
                    span.length,
                )
            )
            continue
        if evaluation is None:
            if key not in reported:
                reported.add(key)
                found.extend(problems)
            found.append(
                diagnostic(
                    "PB008",
                    brief.path,
                    span.position,
                    f"model.eval: {path} cannot be used ({problems[0].message})",
                    f"fix {path} at the lines its diagnostics give",
                    span.length,
                )
            )
            continue
        measured[brief.path] = (evaluation, digest)
        kept.append(brief)
    return kept, measured, found
