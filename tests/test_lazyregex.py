"""The prose rules compile only the expressions a run reaches (lazyregex.py).

Compiling every expression of the rules cost a small build a quarter of its time before a field
was judged. Each case runs in a fresh interpreter, with ``re``'s compiler counted, so nothing an
earlier test compiled hides a cost."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from playbook.lazyregex import Regex, regex

# Counts every expression compiled from the prose rules' modules, then runs the code given.
COUNTING = """
import json, re, re._compiler as compiler, sys
real, seen = compiler.compile, []
def counting(pattern, flags=0):
    caller = sys._getframe(1)
    while caller and "/re/" in caller.f_code.co_filename:
        caller = caller.f_back
    if caller and "/judgement/" in caller.f_code.co_filename:
        seen.append(pattern if isinstance(pattern, str) else "")
    return real(pattern, flags)
compiler.compile = counting
re.purge()
{code}
print(json.dumps({{"compiled": len(seen), "alternatives": alternatives}}))
"""


def _count(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", COUNTING.format(code=code)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


ALTERNATIVES = """
from playbook.analysis.judgement import evaluation, scope, sufferer
from playbook.analysis.judgement.gates import alternatives as split
rules = sufferer.PATTERNS + evaluation.patterns(()) + scope.patterns(())
alternatives = sum(len(split(p.regex.pattern)) for p in rules)
"""


def test_importing_the_prose_rules_compiles_none_of_their_expressions():
    """Only the two small expressions that bound the rules' repeats (gates.bounded) run at import."""
    found = _count("import playbook.analysis.judgement\nalternatives = 0")
    assert found["compiled"] <= 2, found


def test_judging_good_fields_compiles_only_the_alternatives_they_open():
    """A field of good prose opens few gates: the alternatives it never opens are never compiled
    (the scope rule's alternatives anchored at the start have no gate and always run)."""
    found = _count(
        ALTERNATIVES
        + "seen.clear()\n"
        + "from playbook.analysis.judgement import judge\n"
        + "for field, text in ["
        + "('sufferer.who', 'Night-shift dispatchers at Metro Ambulance'),"
        + "('sufferer.losing', '3 hours a shift re-keying call notes into the dispatch log'),"
        + "('model.measured_on', '400 of our own call transcripts, hand-labelled by two dispatchers'),"
        + "('scope.problem', 'Fill in the incident form from the call transcript')]:\n"
        + "    judge(field, text)\n"
    )
    assert found["alternatives"] > 100
    assert found["compiled"] < found["alternatives"] * 6 // 10, found


def test_a_lazy_regex_answers_as_the_compiled_one():
    source = r"\b(?:would|could)\s+(\w+)"
    lazy, compiled = regex(source), re.compile(source)
    text = "they could save time, and would pay"
    assert lazy.search(text).group(1) == compiled.search(text).group(1) == "save"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.match(text, 5).group() == compiled.match(text, 5).group()
    assert lazy.pattern == source and lazy == Regex(source) and hash(lazy) == hash(Regex(source))
    assert lazy != Regex(source, re.IGNORECASE)


def test_a_lazy_regex_with_a_broken_pattern_fails_when_used():
    broken = regex("(unclosed")
    try:
        broken.search("text")
    except re.error:
        pass
    else:
        raise AssertionError("a broken pattern must raise re.error when it is used")


# Judges a few fields, then prints every program kept, as gatebook writes them and reads them back.
KEPT = """
import json, msgpack
from playbook.analysis.judgement import judge
from playbook.lazyregex import PROGRAMS
for field, text in [
    ("sufferer.who", "Potential customers who would use an assistant"),
    ("sufferer.losing", "one in five claims, about 3 hours a week each, nine of the last 40 audits"),
    ("model.measured_on", "500 of our own FNOL call notes, hand-labelled"),
    ("scope.problem", "Everything about contracts, for everyone"),
]:
    judge(field, text)
print(msgpack.packb([(p, f, *program) for (p, f), program in PROGRAMS.items()], use_bin_type=True).hex())
"""


def test_a_kept_program_compiles_to_the_very_pattern_re_compiles():
    """Every program the rules made in another process, through MessagePack and back, gives the
    pattern ``re.compile`` gives (a pattern's equality compares its engine code too)."""
    import msgpack

    from playbook import lazyregex

    done = subprocess.run([sys.executable, "-c", KEPT], capture_output=True, text=True, check=True)
    kept = msgpack.unpackb(bytes.fromhex(done.stdout.strip()), raw=False, use_list=False)
    assert len(kept) > 20
    saved = dict(lazyregex.PROGRAMS)
    try:
        lazyregex.PROGRAMS.clear()
        lazyregex.PROGRAMS.update({(p, f): tuple(program) for p, f, *program in kept})
        for pattern, flags, *_ in kept:
            made = lazyregex.compile_regex(pattern, flags)
            assert (
                made == re.compile(pattern, flags)
                and made.groupindex == re.compile(pattern, flags).groupindex
            )
        assert len(lazyregex.PROGRAMS) == len(kept)  # every one was taken, none made again
    finally:
        lazyregex.PROGRAMS.clear()
        lazyregex.PROGRAMS.update(saved)


def test_a_program_the_engine_refuses_is_compiled_again():
    from playbook import lazyregex

    source = r"\b(?:would|could)\s+(?P<verb>\w+)"
    lazyregex.compile_regex(source)
    flags, code, groups, index, names = lazyregex.PROGRAMS[(source, 0)]
    for damaged in (code[:-3], (999,) * len(code)):
        lazyregex.PROGRAMS[(source, 0)] = (flags, damaged, groups, index, names)
        assert lazyregex.compile_regex(source) == re.compile(source)
        assert lazyregex.PROGRAMS[(source, 0)][1] == code
