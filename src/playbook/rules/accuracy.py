"""The rules about the model (PB201–PB205): accuracy measured on the real work, good enough for
what the workflow needs, on enough cases to prove it, and the part of the workflow where it is."""

from __future__ import annotations

from playbook.diagnostics import Severity
from playbook.rules.rule import Rule

DECLARED = (
    Rule(
        "PB201",
        "benchmark-not-workflow",
        Severity.WARNING,
        "Model accuracy is measured on the workflow's own data.",
        "Good enough is set by the workflow, not by a benchmark. A leaderboard score says little about "
        "your documents, your users and your edge cases; measure on a sample of the real work.",
        fails="measured_on: MMLU and the public leaderboard",
        passes="measured_on: 200 real vendor contracts, hand-labelled",
        judges="measured_on is read for public benchmarks, leaderboards, "
        "vendors' and makers' figures and impressions, "
        "unless it also names a sample of the workflow's own work (500 of our own call notes; a count from a "
        "period of the team's history or scored against its own decisions: 1,000 closed alerts from H2, with "
        "the analysts' narratives as reference), which an impression or made-up data is not unless it is set "
        "aside first; who ran a public benchmark does not make it the team's own (we ran MedQA ourselves).",
        patterns=(
            (
                "named-benchmark",
                "a public benchmark by name, whoever ran it, or one your team lists in criteria.benchmarks; "
                "a set a test ran on, named by a name alone (ran it ourselves on MagnaTagATune), is one too, "
                "where a name before a noun says where the team's own work came from (on Zendesk tickets)",
                "Our HumanEval pass@1 of 87%",
            ),
            (
                "leaderboard",
                "a leaderboard, an arena or an index of models",
                "Its ranking on a popular coding leaderboard",
            ),
            (
                "exam",
                "an exam, a quiz or trivia questions, one or many (a practice exam, a bar-exam style test)",
                "The reported CPA exam section scores",
            ),
            (
                "benchmark-of-a-kind",
                "a benchmark named by the kind of task it tests (a contract-review benchmark), not one the "
                "team says it built from its own work",
                "It did well on a widely used invoice-extraction benchmark",
            ),
            (
                "model-card",
                "what the model's makers report: a model card, a system card, a technical report",
                "The number printed on its Hugging Face model card",
            ),
            (
                "vendor-claim",
                "the seller's own number: a whitepaper, a sales deck, a trust centre",
                "The vendor's whitepaper on meter-reading accuracy",
            ),
            (
                "seller-said",
                "what the seller's people said or showed",
                "Our account manager assured us it is very accurate on service reports like ours",
            ),
            (
                "impression",
                "an impression from trying it or from a demo, whoever ran it: how it looked or felt, who was "
                "impressed, a good feeling after a few tries, a demo seen or liked, what people think, feel "
                "or say of it (they feel it is correct most of the time), how their feedback has been, or "
                "a forecast of how it would do (it should cope fine with our invoices)",
                "tried it on a handful of CVs and it looked right",
            ),
            (
                "second-hand",
                "a figure from someone else: documentation, reviews, a public set someone shared",
                "The accuracy table in the API documentation",
            ),
            (
                "paper",
                "a result reported elsewhere: a paper, a preprint, an article",
                "The authors' reported numbers in their arXiv preprint",
            ),
            (
                "public-dataset",
                "public data, not the workflow's own",
                "A public dataset that looks a lot like our claims",
            ),
            (
                "generated-set",
                "made-up data: synthetic, generated, fake",
                "Synthetic articles we generated with planted spelling errors",
            ),
            (
                "playground",
                "a few tries in a playground or a chat window",
                "examples we tried in the tool's online playground",
            ),
            ("too-long", "over 1,000 characters: more than one sample; only the first 1,000 are read", ""),
        ),
    ),
    Rule(
        "PB202",
        "model-gap",
        Severity.WARNING,
        "Today's model is accurate enough for this workflow.",
        "A plan that only works once the model improves is the model-gap trap. Either change the "
        "workflow until today's model is good enough (the levers), or pick a problem where it already is.",
        fails="error_cost: high, catchability: hard, emotional_state: stressed, accuracy: 0.85 (needs 0.97)",
        passes="error_cost: low, catchability: easy, emotional_state: calm, accuracy: 0.85 (needs 0.65)",
    ),
    Rule(
        "PB203",
        "unproven-fit",
        Severity.WARNING,
        "The measured accuracy is shown to meet the need, not only estimated to.",
        "An accuracy measured on a few cases is a wide range, not a number: 0.88 on 40 cases is anywhere "
        "from 0.74 to 0.95 at 95%. When the low end of that range is below what the workflow needs, the "
        "brief is ready on paper but not shown to be; a larger sample settles it.",
        fails="accuracy: 0.88, samples: 40, needs 0.85 (95%: 0.74–0.95)",
        passes="accuracy: 0.88, samples: 1200, needs 0.85 (95%: 0.86–0.90)",
    ),
    Rule(
        "PB204",
        "unsized-measurement",
        Severity.INFO,
        "The accuracy says how many cases it was measured on.",
        "0.88 on 25 cases and 0.88 on 2,000 cases are different claims. Without the sample size nobody "
        "can tell whether the model is shown to be good enough or only looked good on a handful of cases.",
        fails="model:\n  accuracy: 0.88",
        passes="model:\n  accuracy: 0.88\n  samples: 400",
    ),
    Rule(
        "PB205",
        "ready-slice",
        Severity.INFO,
        "The brief is scoped to the part of the workflow that is ready today, when its evaluation shows one.",
        "What is the smallest, most specific problem today's model can solve completely? When the "
        "evaluation groups its cases (model.eval_slice: a document type, a language, a segment) and some "
        "groups are proven good enough while the whole is not, those groups are that problem: a brief "
        "scoped to them is ready now, and the rest can wait for a better model in a brief of its own.",
        fails="model:\n  eval: evals/contracts.jsonl\n  eval_slice: doc_type\n"
        "# whole 0.86 on 600 cases, needs 0.90; nda 0.97 on 200, dpa 0.98 on 212 (both proven), msa 0.60",
        passes="model:\n  eval: evals/contracts.jsonl\n  eval_slice: doc_type\n"
        "# whole 0.86 on 600 cases, needs 0.90; no slice proven (nda 0.93 on 40, msa 0.86 on 560)",
    ),
)
