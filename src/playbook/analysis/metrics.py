"""The numbers derived from a brief (DESIGN §4): required accuracy, the interval of the measured
accuracy, fit, tier, verdict, pain, completeness, score, and the levers — the workflow changes
that would make today's model good enough."""

from __future__ import annotations

from itertools import combinations

from msgspec import Struct

from playbook.analysis.confidence import (
    GAP,
    PROVEN,
    UNPROVEN,
    UNSIZED,
    bounds,
    cases_to_prove,
    cases_to_settle,
    z_of,
)
from playbook.analysis.slices import SliceMetrics, derive_slices
from playbook.load.config import RankingConfig
from playbook.load.evals import Evaluation
from playbook.load.model import CATCHABILITY, EMOTIONAL_STATES, ERROR_COSTS, Brief

READY, MODEL_GAP = "ready", "model-gap"


class Metrics(Struct, frozen=True):
    """Every number the ranking and the pages show for one brief.

    With a sample size, ``accuracy_low``/``accuracy_high`` are the Wilson interval of the
    accuracy at ``confidence``; ``fit`` is measured from the estimate, or from the interval's low
    end when the project ranks on it (``ranking.fit_on: lower_bound``); ``cases_needed`` is how
    many cases at this accuracy would settle an unproven fit or a gap within the noise.
    """

    required_accuracy: float
    required_given: bool  # set by hand in the brief rather than derived
    model_accuracy: float
    fit: float
    pain: float
    completeness: float
    score: float
    samples: int | None = None
    accuracy_low: float | None = None
    accuracy_high: float | None = None
    confidence: float = 0.95
    on_lower_bound: bool = False  # fit is measured from accuracy_low
    cases_needed: int | None = None
    eval: str = ""  # the evaluation file the accuracy comes from, relative to the project
    slices: tuple[SliceMetrics, ...] = ()  # by model.eval_slice: each slice judged on its own

    @property
    def tier(self) -> str:
        return READY if self.fit >= 0 else MODEL_GAP

    @property
    def proven(self) -> bool | None:
        """Whether the interval's low end reaches the required accuracy; None without a sample size."""
        return None if self.accuracy_low is None else self.accuracy_low >= self.required_accuracy

    @property
    def verdict(self) -> str:
        """ "proven", "unproven" (the estimate meets the need, the low end does not), "unsized"
        (ready on an accuracy with no sample size) or "gap"."""
        if self.model_accuracy < self.required_accuracy:
            return GAP
        return UNSIZED if self.proven is None else PROVEN if self.proven else UNPROVEN

    @property
    def fit_accuracy(self) -> float:
        """The accuracy the fit is measured from: the estimate, or the interval's low end."""
        return (
            self.accuracy_low
            if self.on_lower_bound and self.accuracy_low is not None
            else self.model_accuracy
        )

    @property
    def within_noise(self) -> bool:
        """A gap the interval still reaches across: more cases could show it is no gap."""
        return (
            self.model_accuracy < self.required_accuracy
            and self.accuracy_high is not None
            and self.accuracy_high >= self.required_accuracy
        )

    def measured(self) -> dict:
        """Return what the JSON outputs say of the measurement: samples, the interval, proven, eval."""
        return {
            "samples": self.samples,
            "accuracy_low": self.accuracy_low,
            "accuracy_high": self.accuracy_high,
            "proven": self.proven,
            "eval": self.eval or None,
            **({"slices": [one.to_json() for one in self.slices]} if self.slices else {}),
        }

    def spread(self) -> str:
        """Return "0.88 on 40 cases is 0.74–0.95 at 95%" (with a sample size)."""
        return (
            f"{self.model_accuracy:.2f} on {self.samples:,} {'case' if self.samples == 1 else 'cases'} is "
            f"{self.accuracy_low:.2f}–{self.accuracy_high:.2f} at {self.confidence:.0%}"
        )

    def interval(self) -> str:
        """Return "0.88 on 40 cases (95%: 0.74–0.95)", or "0.88" without a sample size."""
        if self.samples is None:
            return f"{self.model_accuracy:.2f}"
        return (
            f"{self.model_accuracy:.2f} on {self.samples:,} {'case' if self.samples == 1 else 'cases'} "
            f"({self.confidence:.0%}: {self.accuracy_low:.2f}–{self.accuracy_high:.2f})"
        )


def required_accuracy(
    table: RankingConfig, error_cost: str, catchability: str, emotional_state: str
) -> float:
    """Return the accuracy a workflow needs, from what an error costs, how catchable it is, and the
    user's state."""
    value = (
        table.error_cost[error_cost]
        + table.catchability[catchability]
        + table.emotional_state[emotional_state]
    )
    return round(min(max(value, table.accuracy_floor), table.accuracy_ceiling), 3)


def derive_metrics(brief: Brief, table: RankingConfig, evaluation: Evaluation | None = None) -> Metrics:
    """Return the derived numbers of ``brief`` under the ranking constants ``table``; the
    accuracy and sample size come from ``evaluation`` when the brief names one."""
    good = brief.good_enough
    given = good.required_accuracy is not None
    required = (
        round(good.required_accuracy, 3)
        if given
        else required_accuracy(table, good.error_cost, good.catchability, good.emotional_state)
    )
    if evaluation is not None:
        share, samples = evaluation.passed / evaluation.graded, evaluation.graded
    else:
        share, samples = brief.model.accuracy or 0.0, brief.model.samples
    accuracy = round(share, 3)
    pain = round(table.severity_points * brief.pain.severity * table.frequency[brief.pain.frequency], 2)
    completeness = round(derive_completeness(brief), 3)
    low = high = needed = None
    if samples is not None:
        z = z_of(table.confidence)
        low, high = bounds(share, samples, z)
        needed = (
            cases_to_prove(share, required, z)
            if low < required <= accuracy
            else (cases_to_settle(share, required, z) if accuracy < required <= high else None)
        )
    on_low = table.fit_on == "lower_bound" and low is not None
    return Metrics(
        required_accuracy=required,
        required_given=given,
        model_accuracy=accuracy,
        fit=round((low if on_low else accuracy) - required, 3),
        pain=pain,
        completeness=completeness,
        score=round(pain * completeness * completeness, 2),
        samples=samples,
        accuracy_low=low,
        accuracy_high=high,
        confidence=table.confidence,
        on_lower_bound=on_low,
        cases_needed=needed,
        eval=evaluation.path if evaluation is not None else "",
        slices=derive_slices(evaluation, required, table.confidence, table.min_slice_cases),
    )


def derive_completeness(brief: Brief) -> float:
    """Return the share of the workflow covered: covered steps over workflow steps, or the given value."""
    scope = brief.scope
    if scope.workflow_steps:
        workflow = set(scope.workflow_steps)
        return len(workflow.intersection(scope.covered_steps)) / len(workflow)
    return scope.completeness if scope.completeness is not None else 0.0


# --- Levers -------------------------------------------------------------------------------------


class Change(Struct, frozen=True):
    """Moving one factor of the workflow to a gentler value."""

    factor: str  # "error_cost" | "catchability" | "emotional_state"
    old: str
    new: str

    @property
    def phrase(self) -> str:
        return {
            "error_cost": f"an error costs {self.new} instead of {self.old} (e.g. "
            "a human review before anything irreversible)",
            "catchability": "errors become easy to catch (e.g. show the source next to each answer)",
            "emotional_state": f"users meet errors {self.new} rather than {self.old} "
            "(e.g. off the critical path)",
        }[self.factor]

    @property
    def short(self) -> str:
        """The change without its example, for a list that has said the examples once."""
        return {
            "error_cost": f"an error costs {self.new} instead of {self.old}",
            "catchability": "errors become easy to catch",
            "emotional_state": f"users meet errors {self.new} rather than {self.old}",
        }[self.factor]


class Lever(Struct, frozen=True):
    """A set of changes and the required accuracy they would give."""

    changes: tuple[Change, ...]
    required_accuracy: float
    closes_gap: bool

    @property
    def phrase(self) -> str:
        return " and ".join(change.phrase for change in self.changes)

    @property
    def short(self) -> str:
        return " and ".join(change.short for change in self.changes)


class Levers(Struct, frozen=True):
    """The workflow changes that would make today's model good enough, for a model-gap brief."""

    model_accuracy: float
    single: tuple[Lever, ...]  # each factor moved alone
    smallest: Lever | None  # the fewest changes that close the gap, or None: the plan waits on the model

    def hint(self) -> str:
        if self.smallest is None:
            return (
                "no workflow change closes the gap: the plan waits on a better model — "
                "pick a problem where today's is good enough"
            )
        return (
            f"ready today if {self.smallest.phrase} "
            f"(needs {self.smallest.required_accuracy:.2f}, model has {self.model_accuracy:.2f})"
        )


def find_levers(brief: Brief, metrics: Metrics, table: RankingConfig) -> Levers | None:
    """Return the levers of a model-gap brief whose threshold is derived; None for ready or hand-set ones."""
    if metrics.fit >= 0 or metrics.required_given:
        return None
    good = brief.good_enough
    current = {
        "error_cost": good.error_cost,
        "catchability": good.catchability,
        "emotional_state": good.emotional_state,
    }
    gentler = {
        "error_cost": ERROR_COSTS[ERROR_COSTS.index(good.error_cost) - 1]
        if good.error_cost != ERROR_COSTS[0]
        else None,
        "catchability": CATCHABILITY[0] if good.catchability != CATCHABILITY[0] else None,
        "emotional_state": EMOTIONAL_STATES[0] if good.emotional_state != EMOTIONAL_STATES[0] else None,
    }
    changes = [Change(factor, current[factor], new) for factor, new in gentler.items() if new is not None]

    def lever(chosen: tuple[Change, ...]) -> Lever:
        values = {**current, **{change.factor: change.new for change in chosen}}
        needed = required_accuracy(
            table, values["error_cost"], values["catchability"], values["emotional_state"]
        )
        return Lever(chosen, needed, round(metrics.fit_accuracy - needed, 3) >= 0)

    single = tuple(lever((change,)) for change in changes)
    smallest = None
    for size in range(1, len(changes) + 1):
        closing = [lv for lv in (lever(c) for c in combinations(changes, size)) if lv.closes_gap]
        if closing:
            smallest = max(closing, key=lambda lv: lv.required_accuracy)  # the gentlest change that is enough
            break
    return Levers(metrics.fit_accuracy, single, smallest)
