"""Properties over arbitrary input, with hypothesis: whatever the front matter and the body,
check and build never raise, every diagnostic points inside its file, and build succeeds
exactly when check finds no errors (leaving no site, or the whole site)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.support.briefs import VALID_BRIEF
from tests.support.hostile import BUILD_EPOCH, cli

# Moderate by default so the suite stays fast; PLAYBOOK_EXAMPLES=2000 searches harder.
SETTINGS = settings(
    max_examples=int(os.environ.get("PLAYBOOK_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
VALID = yaml.safe_load(VALID_BRIEF.split("---\n")[1])

# Scalars YAML 1.1 would retype, scalars meant to break HTML, paths and terminals, and plain ones.
TRAPS = [
    "NO",
    "yes",
    "on",
    "off",
    "~",
    "null",
    "22:22",
    "1.10",
    "0x1F",
    "0o17",
    "012",
    "1_000",
    ".inf",
    ".NaN",
    "2026-11-20",
    "2026-02-30",
    "1e3",
    "-0",
    "+4",
    "4.0",
    "88%",
    "88 %",
    "",
    " ",
    "!",
    "&a",
    "*a",
    "|",
    ">",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "con",
    "\u202eevil",
    "\u200b",
    "e\u0301",
    "\U0001f525",
    "a\tb",
    "x" * 300,
]
scalars = st.one_of(
    st.sampled_from(TRAPS),
    st.text(max_size=40),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


texts = st.one_of(st.sampled_from(TRAPS), st.text(min_size=1, max_size=40))
# For each field, the values an author might plausibly write there, hostile ones included.
PLAUSIBLE = {
    "title": texts,
    "owner": texts,
    "updated": st.sampled_from(["2026-11-20", "2026-02-30", "22:22", "yesterday"]),
    "status": st.sampled_from(["idea", "building", "shipped", "Shipped", "NO"]),
    "draft": st.sampled_from([True, False, "no"]),
    "tags": st.lists(texts, max_size=6),
    "related": st.lists(st.sampled_from(["b", "a", "missing", "NO", "../x"]), max_size=3),
    "slug": st.sampled_from(["a", "b", "c", "aux", "x" * 101, "x" * 300, "../x", "Fine"]),
    "sufferer.who": texts,
    "sufferer.losing": texts,
    "sufferer.evidence": st.lists(texts, max_size=4),
    "pain.severity": st.one_of(st.integers(0, 6), st.sampled_from(["4", "0x4", "four"])),
    "pain.frequency": st.sampled_from(["daily", "weekly", "Weekly", "hourly"]),
    "pain.reach": st.integers(-1, 10**9),
    "good_enough.when_wrong": texts,
    "good_enough.alternative": texts,
    "good_enough.error_cost": st.sampled_from(["low", "medium", "high", "critical", "none"]),
    "good_enough.catchability": st.sampled_from(["easy", "moderate", "hard", "impossible"]),
    "good_enough.emotional_state": st.sampled_from(["calm", "rushed", "stressed", "high-stakes", "angry"]),
    "good_enough.required_accuracy": st.one_of(st.floats(-1, 2), st.sampled_from(["90%", "0.9", "1.10"])),
    "model.accuracy": st.one_of(
        st.floats(0, 1), st.floats(-1, 2), st.sampled_from(["88%", "88", "1.10", ".nan"])
    ),
    "model.measured_on": texts,
    "scope.problem": texts,
    "scope.workflow_steps": st.lists(texts, max_size=9),
    "scope.covered_steps": st.lists(texts, max_size=9),
    "scope.completeness": st.one_of(st.floats(0, 1), st.floats(-1, 2)),
}


@st.composite
def front_matters(draw) -> dict:
    """The valid brief with a few fields changed (mostly to plausible values), removed or added."""
    document = json.loads(json.dumps(VALID, default=str))
    for _ in range(draw(st.integers(0, 4))):
        path = draw(st.sampled_from(sorted(PLAUSIBLE) + ["extra", "sufferer", "pain.extra"]))
        *parents, name = path.split(".")
        target = document
        for parent in parents:
            target = target.setdefault(parent, {}) if isinstance(target.get(parent, {}), dict) else {}
        action = draw(st.sampled_from(["plausible", "plausible", "plausible", "anything", "remove"]))
        if action == "remove":
            target.pop(name, None)
        else:
            target[name] = draw(PLAUSIBLE[path] if action == "plausible" and path in PLAUSIBLE else values)
    return document


@pytest.fixture(scope="module", autouse=True)
def fixed_date():
    """Set by hand: hypothesis runs many examples per test, so function-scoped monkeypatch won't do."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    yield
    if previous is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = previous


bodies = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "[[a]] [[missing]] [[a|label]] [[]] [[|]]",
            "## x\n\n## x\n\n## x-1",
            "<script>alert(1)</script>",
            "[x](javascript:alert(1)) ![y](data:text/html,z)",
            "```\n[[code]]\n```",
            "[^1]\n\n[^1]: note",
            "\x00",
            "\r\n\r",
        ]
    ),
)


def run_both(files: dict[str, bytes], pages: dict[str, bytes] | None = None) -> None:
    """Write a project of brief ``files`` and ``pages``, check and build it, and assert the properties."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        (root / "content/briefs").mkdir(parents=True)
        for name, data in files.items():
            (root / "content/briefs" / name).write_bytes(data)
        for name, data in (pages or {}).items():
            (root / "content" / name).write_bytes(data)
            files = {**files, name: data}
        code, out, err = cli("check", str(root), "--format", "json", "--no-cache")
        assert code in (0, 1) and "Traceback" not in err, err
        report = json.loads(out)
        for d in report["diagnostics"]:
            lines = (
                files[d["path"].rsplit("/", 1)[-1]]
                .decode("utf-8", "replace")
                .replace("\r\n", "\n")
                .replace("\r", "\n")
                .split("\n")
            )
            assert 1 <= d["line"] <= len(lines) + 1 and d["column"] >= 1, d
        assert code == (1 if report["summary"]["errors"] else 0)
        event("builds" if code == 0 else "has errors")
        built, out, err = cli("build", str(root), "--no-cache")
        assert built == code, (built, code, err)  # build succeeds exactly when check finds no errors
        assert "Traceback" not in err
        assert (root / "site/index.html").is_file() == (code == 0)
        assert sorted(p.name for p in root.iterdir()) == (["content", "site"] if code == 0 else ["content"])


@SETTINGS
@given(front=front_matters(), body=bodies)
def test_any_front_matter_and_body(front, body):
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
    run_both({"a.md": text.encode("utf-8", "surrogatepass"), "b.md": VALID_BRIEF.encode()})


@SETTINGS
@given(front=st.text(max_size=400), body=bodies)
def test_any_text_between_the_fences(front, body):
    run_both(
        {"a.md": f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"), "b.md": VALID_BRIEF.encode()}
    )


@SETTINGS
@given(line=st.integers(1, 29), replacement=st.one_of(st.text(max_size=60), st.sampled_from(TRAPS)))
def test_any_line_of_a_valid_brief_replaced(line, replacement):
    lines = VALID_BRIEF.split("\n")
    key = lines[line].split(":", 1)[0] + ":" if ":" in lines[line] else ""
    lines[line] = f"{key} {replacement}" if key else replacement
    run_both({"a.md": "\n".join(lines).encode("utf-8", "surrogatepass")})


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes(data):
    run_both({"a.md": data, "b.md": b"---\n" + data + b"\n---\n"})


page_fronts = st.dictionaries(
    st.sampled_from(["title", "description", "slug", "draft", "extra"]),
    st.one_of(texts, st.sampled_from(["about", "index", "tags", "a/b", "Fine", True])),
    max_size=4,
)


@SETTINGS
@given(front=st.one_of(st.none(), page_fronts), body=bodies)
def test_any_plain_page(front, body):
    text = body if front is None else "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    run_both({"b.md": VALID_BRIEF.encode()}, {"about.md": text.encode("utf-8", "surrogatepass")})
