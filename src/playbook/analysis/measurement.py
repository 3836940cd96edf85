"""Where a brief's accuracy comes from when it names its evaluation file (``model.eval``): each
file is read once per analysis and column, reused while its bytes are the same (in memory for
``serve``, in ``.playbook-cache/`` for builds), and a brief whose file cannot be used is reported
where the problem is and left out, as a brief with a schema error is."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from playbook.analysis.reuse import EvaluationFile, Reuse
from playbook.diagnostics import Diagnostic
from playbook.load.cache import Loaded, SourceCache
from playbook.load.evals import EvalOptions, Evaluation, eval_digest, eval_file, eval_options, read_evaluation
from playbook.load.model import Brief
from playbook.rules import diagnostic


class Measured(NamedTuple):
    """A brief's evaluation, and the digest of the file it was read from."""

    evaluation: Evaluation
    digest: str


def measure_briefs(
    root: Path, briefs: list[Brief], memo: Reuse | None, store: SourceCache | None
) -> tuple[list[Brief], dict[str, Measured], list[Diagnostic]]:
    """Return the briefs that can be analysed, the evaluation of each brief that names one, by
    path, and the diagnostics of the files that cannot be used."""
    kept: list[Brief] = []
    measured: dict[str, Measured] = {}
    found: list[Diagnostic] = []
    reported: set[str] = set()
    for brief in briefs:
        if not brief.model.eval:
            kept.append(brief)
            continue
        path = eval_file(brief.model.eval)
        options = eval_options(brief.model)
        key = f"{path}\n{options.key}"
        digest, why, (evaluation, problems) = _evaluation_file(root, path, key, options, memo, store)
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
        measured[brief.path] = Measured(evaluation, digest)
        kept.append(brief)
    return kept, measured, found


def _evaluation_file(
    root: Path, path: str, key: str, options: EvalOptions, memo: Reuse | None, store: SourceCache | None
) -> EvaluationFile:
    """Return the evaluation file at ``path`` read with ``options``: through the memo when there
    is one, else hashed now and read again only when ``store`` has nothing for its bytes."""

    def read(digest: str) -> Loaded:
        stored = store.get(key, digest) if store is not None else None
        if stored is None:
            stored = read_evaluation(root, path, options)
            if store is not None:
                store.put(key, digest, stored)
        return stored

    if memo is not None:
        return memo.evaluation(root, path, key, read)
    digest, why = eval_digest(root, path)
    return EvaluationFile(digest, why, read(digest) if digest is not None else (None, []))
