"""The structural rules (PB001–PB008): the file reads, its front matter fits the schema, keys and
slugs are unique, links and the evaluation file resolve, and the workflow's steps agree. All but
PB007 are reported by the stage that meets the problem, through ``registry.diagnostic``; PB007 is
checked with the criteria (``analysis/criteria.py``)."""

from __future__ import annotations

from playbook.diagnostics import Severity
from playbook.rules.rule import Rule

DECLARED = (
    Rule(
        "PB001",
        "front-matter",
        Severity.ERROR,
        "The file has readable YAML front matter that is a mapping.",
        "A brief is data before it is prose: without front matter that parses, nothing in it can be "
        "checked, derived or ranked. The file must be UTF-8, start with a line '---', and close the "
        "front matter with another '---' line.",
        fails="title: No opening line\n---\nBody",
        passes="---\ntitle: An opening line\n---\nBody",
        fatal=True,
    ),
    Rule(
        "PB002",
        "schema",
        Severity.ERROR,
        "Every required field is present, with the right type, in range, with an allowed value.",
        "The criteria need their answers. A brief that does not say who is losing, what an error "
        "costs or how accurate the model is today cannot be judged, only hoped about.",
        fails="pain:\n  severity: 7",
        passes="pain:\n  severity: 4\n  frequency: weekly",
        fatal=True,
    ),
    Rule(
        "PB003",
        "unknown-field",
        Severity.WARNING,
        "Every key is one the schema knows.",
        "An unknown key is usually a typo of a known one, and a typo silently drops an answer: "
        "'raech: 120' leaves how many people have the problem out of the brief. A typo of a required "
        "field ('catchabilty: hard') is one finding, the missing field's PB002 error, at the typo and "
        "with the fix.",
        fails="pain:\n  raech: 120",
        passes="pain:\n  reach: 120",
    ),
    Rule(
        "PB004",
        "duplicate-key",
        Severity.ERROR,
        "No key is given twice in one mapping.",
        "YAML quietly keeps the last of two equal keys, so one of two answers is lost without a word. "
        "The brief must say one thing.",
        fails="status: idea\nstatus: building",
        passes="status: building",
    ),
    Rule(
        "PB005",
        "duplicate-slug",
        Severity.ERROR,
        "Every brief has its own slug.",
        "The slug is the brief's address and the name other briefs link by; two briefs under one "
        "name would overwrite each other's page and make every link to them ambiguous.",
        fails="two files both saying slug: contract-review",
        passes="slug: contract-review-emea",
        fatal=True,
    ),
    Rule(
        "PB006",
        "broken-link",
        Severity.ERROR,
        "Every related slug and every [[slug]] in the body names a brief.",
        "Problems rarely stand alone; the links between briefs are how a team sees which sufferer "
        "or workflow keeps coming back. A link to nothing breaks that map.",
        fails="related: [vendor-risk]",
        passes="related: [vendor-risk-triage]",
    ),
    Rule(
        "PB008",
        "eval-file",
        Severity.ERROR,
        "The evaluation file a brief names can be read, and grades every case it scores pass or fail.",
        "When the accuracy comes from the team's own evaluation (model.eval), the file is the evidence: "
        "a missing file, a row that is not JSON or CSV, or a score that is neither a pass nor a fail "
        "would make the accuracy and its interval fiction.",
        fails='eval: evals/renewals.jsonl, whose row 12 says {"correct": "maybe"}',
        passes='eval: evals/renewals.jsonl, every row with "correct": true or false',
        fatal=True,
    ),
    Rule(
        "PB007",
        "steps-mismatch",
        Severity.ERROR,
        "Covered steps are workflow steps, and completeness given both ways agrees.",
        "Completeness is the share of the workflow the product covers end to end. A covered step that "
        "is not in the workflow, or a completeness that contradicts the steps, makes that share fiction.",
        fails="workflow_steps: [upload, extract]\ncovered_steps: [upload, review]",
        passes="workflow_steps: [upload, extract, review]\ncovered_steps: [upload, extract]",
    ),
)
