"""Generate a deterministic corpus of N realistic briefs, and optionally the same content as a Hugo site.

python bench/generate.py 10000 /tmp/corpus [--hugo /tmp/corpus-hugo]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

FIELDS = [
    "legal",
    "support",
    "finance",
    "health",
    "devtools",
    "marketing",
    "sales",
    "hr",
    "insurance",
    "logistics",
]
WHO = [
    "In-house counsel at mid-size SaaS companies",
    "Tier-1 support agents at a B2B helpdesk",
    "Accounts-payable clerks at regional distributors",
    "Discharge nurses on medical wards",
    "On-call engineers in platform teams",
    "Product marketers at seed-stage startups",
    "Account executives at 20-person agencies",
    "Recruiters hiring 30 engineers a quarter",
    "Claims handlers at a regional property insurer",
    "Customs brokers filing 200 entries a week",
]
WORDS = (
    "contract invoice ticket claim renewal deadline review extract triage draft summary route note "
    "clause vendor customer field policy entry record report queue shift audit"
).split()
STEPS = ["intake", "classify", "extract", "verify", "draft", "approve", "export", "notify", "archive"]
STATUSES = [
    "idea",
    "exploring",
    "validated",
    "building",
    "building",
    "exploring",
    "shipped",
    "parked",
    "killed",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def brief_text(i: int, n: int, rng: random.Random) -> str:
    field = FIELDS[i % len(FIELDS)]
    steps = STEPS[: rng.randint(3, 7)]
    covered = steps[: rng.randint(1, len(steps))]
    related = sorted({f"brief-{rng.randrange(n):05d}" for _ in range(rng.randint(0, 3))} - {f"brief-{i:05d}"})
    body_links = " ".join(f"[[{slug}]]" for slug in related[:1])
    paragraphs = "\n\n".join(sentence(rng, rng.randint(30, 60)) + "." for _ in range(3))
    return f"""---
title: {sentence(rng, 5)} for {field} team {i}
status: {rng.choice(STATUSES)}
owner: Owner {i % 97}
updated: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}
tags: [{field}, {rng.choice(WORDS)}]
sufferer:
  who: {WHO[i % len(WHO)]}
  losing: {rng.randint(2, 20)} hours a week on {rng.choice(WORDS)} work
  evidence:
    - {rng.randint(5, 30)} interviews; {rng.randint(2, 5)} named it a top-3 pain
    - {rng.randint(100, 900)} tickets last quarter
pain:
  severity: {rng.randint(1, 5)}
  frequency: {rng.choice(["daily", "weekly", "monthly", "quarterly", "rarely"])}
  reach: {rng.randint(10, 5000)}
good_enough:
  when_wrong: A wrong {rng.choice(WORDS)} reaches the customer
  error_cost: {rng.choice(["low", "medium", "high", "critical"])}
  catchability: {rng.choice(["easy", "moderate", "hard"])}
  alternative: Someone does it by hand in {rng.randint(5, 90)} minutes
  emotional_state: {rng.choice(["calm", "rushed", "stressed", "high-stakes"])}
model:
  accuracy: {rng.randint(70, 98) / 100}
  measured_on: {rng.randint(100, 500)} real {field} cases, hand-labelled
scope:
  problem: {sentence(rng, 10)}
  workflow_steps: [{", ".join(steps)}]
  covered_steps: [{", ".join(covered)}]
related: [{", ".join(related)}]
---
## What we heard

{paragraphs} See {body_links or "the interviews"}.

> {sentence(rng, 15)}.

| step | minutes today | with the model |
|---|---|---|
| {steps[0]} | {rng.randint(5, 30)} | {rng.randint(1, 5)} |
| {steps[1]} | {rng.randint(5, 30)} | {rng.randint(1, 5)} |

```text
{sentence(rng, 8)}
```

- [x] {sentence(rng, 6)}
- [ ] {sentence(rng, 6)}
"""


def generate(n: int, out: Path, seed: int = 7) -> None:
    """Write a playbook project of ``n`` briefs to ``out``, replacing what was there."""
    if out.exists():
        shutil.rmtree(out)
    briefs = out / "content" / "briefs"
    briefs.mkdir(parents=True)
    rng = random.Random(seed)
    for i in range(n):
        (briefs / f"brief-{i:05d}.md").write_text(brief_text(i, n, rng), encoding="utf-8")
    (out / "content" / "about.md").write_text(
        "---\ntitle: About\n---\nA generated playbook.\n", encoding="utf-8"
    )
    (out / "playbook.yaml").write_text("title: Generated playbook\n", encoding="utf-8")


HUGO_CONFIG = """baseURL = "https://example.com/"
title = "Generated playbook"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_SINGLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">\
<title>{{ .Title }}</title></head><body>
<main><h1>{{ .Title }}</h1><p>{{ .Params.status }} · {{ .Params.owner }}</p>
<dl><dt>Who</dt><dd>{{ .Params.sufferer.who }}</dd><dt>Losing</dt><dd>{{ .Params.sufferer.losing }}</dd>
<dt>Severity</dt><dd>{{ .Params.pain.severity }} {{ .Params.pain.frequency }}</dd>
<dt>Accuracy</dt><dd>{{ .Params.model.accuracy }}</dd>\
<dt>Problem</dt><dd>{{ .Params.scope.problem }}</dd></dl>
{{ .Content }}
<ul>{{ range .Params.tags }}\
<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
</main></body></html>
"""

HUGO_LIST = """<!doctype html><html lang="en"><head><meta charset="utf-8">\
<title>{{ .Title }}</title></head><body>
<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}\
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""


def generate_hugo(project: Path, out: Path) -> None:
    """Write the same briefs as a Hugo site with minimal layouts, for side-by-side timing.

    ``[[slug]]`` links have no meaning to Hugo and stay as text; everything else is the same
    Markdown and the same front matter.
    """
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "briefs").mkdir(parents=True)
    (out / "layouts" / "_default").mkdir(parents=True)
    (out / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (out / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (out / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (out / "layouts" / "index.html").write_text(HUGO_LIST, encoding="utf-8")
    for path in sorted((project / "content" / "briefs").glob("*.md")):
        shutil.copyfile(path, out / "content" / "briefs" / path.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--hugo", type=Path, help="also write the same briefs as a Hugo site here")
    args = parser.parse_args()
    generate(args.count, args.out)
    if args.hugo:
        generate_hugo(args.out, args.hugo)


if __name__ == "__main__":
    main()
