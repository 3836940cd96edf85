"""The prose rules' gates kept between runs (analysis/gatebook.py; SECURITY.md 3b): a second run
works none out again, and a gate is believed only from the user's own cache folder, signed with
the user's key, since a gate planted to stay shut would hide a finding. Each run is a fresh
interpreter: a process keeps the gates it worked out."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import re._compiler
import re._parser
import shutil
import subprocess
import sys
from pathlib import Path

import msgpack
import pytest

from tests.support.briefs import brief

# The second sufferer is a guess only by its modal ("who would use"): a named, owned group, so no
# population pattern fires on it, and blind kept programs (below) hide its one finding.
HYPOTHETICAL = brief(
    (
        "  who: In-house counsel at mid-size SaaS companies",
        "  who: Claims handlers in our Leeds office who would use an assistant",
    )
)

CHECK = """
import json, sys
import playbook.analysis.judgement.gates as gates
real, worked = gates.gate, []
gates.gate = lambda part: worked.append(part) or real(part)
from playbook.cli.main import main
code = main(["check", sys.argv[1], "--format", "json", *sys.argv[2:]])
print(json.dumps({"worked_out": len(worked)}))
"""


def _check(root: Path, cache_home: Path, *options: str) -> tuple[set[str], int]:
    """Return the rule codes `playbook check` finds, in a fresh process, and how many gates it
    worked out. The project's own cache is removed first, so that every brief is judged."""
    shutil.rmtree(root / ".playbook-cache", ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(root), *options],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )
    assert "Traceback" not in done.stderr, done.stderr
    report, counted = done.stdout.strip().rsplit("\n", 1)
    codes = {d["code"] for d in json.loads(report)["diagnostics"]}
    return codes, json.loads(counted)["worked_out"]


def _plant_shut_gates(cache_home: Path, key: bytes) -> None:
    """Rewrite the kept gates so that every gated alternative stays shut, signed with ``key``."""
    path = cache_home / "playbook" / "gates.msgpack"
    stored = msgpack.unpackb(path.read_bytes()[32:], raw=False, use_list=False)
    shut = {k: tuple((part, ()) for part, _ in v) for k, v in stored[1].items()}
    payload = msgpack.packb((stored[0], shut), use_bin_type=True)
    path.write_bytes(hmac.new(key, payload, hashlib.sha256).digest() + payload)


def test_a_second_run_works_out_no_gate(make_project, tmp_path):
    root = make_project({"a": HYPOTHETICAL})
    codes, worked = _check(root, tmp_path / "home")
    assert "PB101" in codes and worked > 50
    assert _check(root, tmp_path / "home") == (codes, 0)
    assert _check(root, tmp_path / "home", "--no-cache")[1] == worked  # --no-cache keeps none


def test_the_planted_gates_would_hide_a_finding_if_they_were_believed(make_project, tmp_path):
    """The control for the tests below: signed with the user's own key, shut gates hide the
    finding, so the planted files below are ones that would."""
    root = make_project({"a": HYPOTHETICAL})
    assert "PB101" in _check(root, tmp_path / "home")[0]
    _plant_shut_gates(tmp_path / "home", (tmp_path / "home" / "playbook" / "cache-key").read_bytes())
    assert "PB101" not in _check(root, tmp_path / "home")[0]


@pytest.mark.parametrize("key", [b"", b"planted by a pull request, 32 b"])
def test_gates_not_signed_with_the_users_key_are_ignored(make_project, tmp_path, key):
    root = make_project({"a": HYPOTHETICAL})
    expected = _check(root, tmp_path / "home")[0]
    _plant_shut_gates(tmp_path / "home", key)
    codes, worked = _check(root, tmp_path / "home")
    assert codes == expected and "PB101" in codes and worked > 50


def test_gates_in_the_checkout_are_neither_read_nor_written(make_project, tmp_path):
    root = make_project({"a": HYPOTHETICAL})
    expected = _check(root, tmp_path / "home")[0]
    inside = root / ".cache"
    (inside / "playbook").mkdir(parents=True)
    key = b"planted by a pull request, 32 b"
    (inside / "playbook" / "cache-key").write_bytes(key)
    (inside / "playbook" / "gates.msgpack").write_bytes(
        (tmp_path / "home/playbook/gates.msgpack").read_bytes()
    )
    _plant_shut_gates(inside, key)
    planted = (inside / "playbook" / "gates.msgpack").read_bytes()
    codes, worked = _check(root, inside)
    assert codes == expected and worked > 50
    assert (inside / "playbook" / "gates.msgpack").read_bytes() == planted


@pytest.mark.parametrize(
    "stored",
    [b"not msgpack at all", msgpack.packb(["playbook-gates-other", {}]), msgpack.packb({"a": 1})],
)
def test_a_damaged_or_foreign_gates_file_is_ignored(make_project, tmp_path, stored):
    root = make_project({"a": HYPOTHETICAL})
    expected = _check(root, tmp_path / "home")[0]
    path = tmp_path / "home" / "playbook" / "gates.msgpack"
    key = (tmp_path / "home" / "playbook" / "cache-key").read_bytes()
    path.write_bytes(hmac.new(key, stored, hashlib.sha256).digest() + stored)
    codes, worked = _check(root, tmp_path / "home")
    assert codes == expected and worked > 50


SOURCES = """
import hashlib
import re
import re._compiler
import re._parser
from playbook.analysis.judgement import Vocabulary, _compile, sufferer
rules = _compile(Vocabulary(benchmarks=("AcmeBench", "ZetaEval"), broad_scope=("the lot", "all of it")))
patterns = sufferer.PATTERNS + rules.benchmarks + rules.broad
print(hashlib.sha1("\\n".join(p.regex.pattern for p in patterns).encode()).hexdigest())
"""


def test_the_rules_patterns_are_written_the_same_on_every_run():
    """Gates are kept by a pattern's source, so it must not depend on the order of a set's
    strings, which differs from one process to the next (and so did the order of words)."""
    digests = {
        subprocess.run(
            [sys.executable, "-c", SOURCES],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(digests) == 1


# As CHECK, counting the expressions the prose rules compile (lazyregex.py).
COMPILING = """
import json, sys
import re._compiler as compiler
real, made = compiler._code, []
def counting(parsed, flags):
    if sys._getframe(1).f_code.co_filename.endswith("lazyregex.py"):
        made.append(1)
    return real(parsed, flags)
compiler._code = counting
from playbook.cli.main import main
code = main(["check", sys.argv[1], "--format", "json"])
print(json.dumps({"compiled": len(made)}))
"""


def _compiled(root: Path, cache_home: Path) -> tuple[set[str], int]:
    """Return the rule codes a fresh `playbook check` finds, and how many expressions it compiled."""
    shutil.rmtree(root / ".playbook-cache", ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-c", COMPILING, str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )
    assert "Traceback" not in done.stderr, done.stderr
    report, counted = done.stdout.strip().rsplit("\n", 1)
    return {d["code"] for d in json.loads(report)["diagnostics"]}, json.loads(counted)["compiled"]


def _programs_file(cache_home: Path) -> Path:
    found = list((cache_home / "playbook").glob("programs-*.msgpack"))
    assert len(found) == 1, found
    return found[0]


def test_a_second_run_compiles_no_expression_and_finds_the_same(make_project, tmp_path):
    root = make_project({"a": HYPOTHETICAL})
    codes, compiled = _compiled(root, tmp_path / "home")
    assert "PB101" in codes and compiled > 20
    assert sys.implementation.cache_tag in _programs_file(tmp_path / "home").name
    again, compiled_again = _compiled(root, tmp_path / "home")
    assert again == codes and compiled_again <= 2  # gates.bounded's two, compiled at import


def _plant_blind_programs(cache_home: Path, key: bytes | None) -> None:
    """Replace every kept program with one that matches nothing, signed with ``key`` (None: the
    user's own)."""
    path = _programs_file(cache_home)
    key = key if key is not None else (cache_home / "playbook" / "cache-key").read_bytes()
    form, kept = msgpack.unpackb(path.read_bytes()[32:], raw=False, use_list=False)
    nothing = list(re._compiler._code(re._parser.parse("(?!)"), 0))
    never = [(p, f, flags | re.UNICODE, nothing, 0, {}, (None,)) for p, f, flags, *_ in kept]
    payload = msgpack.packb((form, never), use_bin_type=True)
    path.write_bytes(hmac.new(key, payload, hashlib.sha256).digest() + payload)


def test_planted_programs_would_hide_a_finding_if_they_were_believed(make_project, tmp_path):
    """The control for the test below: signed with the user's own key, blind programs are taken."""
    root = make_project({"a": HYPOTHETICAL})
    assert "PB101" in _compiled(root, tmp_path / "home")[0]
    _plant_blind_programs(tmp_path / "home", None)
    assert "PB101" not in _compiled(root, tmp_path / "home")[0]


@pytest.mark.parametrize("key", [b"", b"planted by a pull request, 32 b"])
def test_programs_not_signed_with_the_users_key_are_ignored(make_project, tmp_path, key):
    root = make_project({"a": HYPOTHETICAL})
    codes, compiled = _compiled(root, tmp_path / "home")
    _plant_blind_programs(tmp_path / "home", key)
    assert _compiled(root, tmp_path / "home") == (codes, compiled)
