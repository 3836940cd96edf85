"""What a small build pays for before its first page: it imports only what it uses. The network
stack (``xml.sax.saxutils`` brought urllib.request, http.client and ssl), the process pool and
git's subprocess layer are imported only by the builds that need them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.briefs import brief

NOT_FOR_A_SMALL_BUILD = (
    "ssl",
    "http.client",
    "urllib.request",
    "email.parser",
    "multiprocessing",
    "subprocess",
    # nor what only some playbooks need: the evaluation files' readers, the normal quantile of a
    # measured accuracy's interval (statistics brings fractions), serve's render time limit and
    # the pool's parent watch (ctypes), a did-you-mean (difflib). (decimal comes with msgspec.)
    "playbook.load.readers.documents",
    "playbook.load.readers.rows",
    "csv",
    "statistics",
    "ctypes",
    "difflib",
)

BUILD = """
import json, sys
from playbook.cli.main import main
code = main(["build", sys.argv[1], "-q"])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_a_small_build_imports_no_network_pool_or_git_stack(make_project):
    """Nor markdown-it-py, when the accelerator renders every document (no fallback here)."""
    root = make_project({"a": brief(), "b": brief(("  accuracy: 0.93", "  accuracy: 0.5"))})
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(root)], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["code"] == 0 and (root / "site" / "index.html").is_file()
    unused = NOT_FOR_A_SMALL_BUILD + (("markdown_it",) if "markdown_it_pyrs" in found["modules"] else ())
    assert [name for name in unused if name in found["modules"]] == []


def test_every_struct_says_what_it_is():
    """Each of the model's classes has its own docstring, so the reader knows what it holds."""
    import importlib
    import pkgutil

    import msgspec

    import playbook

    bare = []
    for module in pkgutil.walk_packages(playbook.__path__, "playbook."):
        if module.name == "playbook.__main__":  # runs the command line
            continue
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.name
                and issubclass(value, msgspec.Struct)
            ):
                if not value.__doc__:
                    bare.append(f"{module.name}.{value.__qualname__}")
    assert bare == []


COLLECTING = """
import gc, json, sys
automatic = []
def record(phase, info):
    if phase == "start":
        frame, where = sys._getframe(1), []
        while frame:
            where.append(frame.f_code.co_name)
            frame = frame.f_back
        automatic.append(where)
gc.callbacks.append(record)
from playbook.cli.main import main
before = len(automatic)
sys.argv = ["playbook", "build", sys.argv[1], "-q"]
code = main()
during = len(automatic) - before
during = automatic[before:]
left = gc.collect()
print(json.dumps({"code": code, "collections": during, "left": left, "frozen": gc.get_freeze_count()}))
"""


def test_a_build_process_collects_only_its_pages_cycles(make_project):
    """Run as its own process (cli/main.py ONE_SHOT), a build makes no collection among the
    objects it imports and analyses, which live until it ends, and freezes them before it
    renders; the pages' own reference cycles are still collected, a chunk at a time, so
    none is left over when the build returns."""
    root = make_project({f"b{i}": brief() for i in range(6)})
    done = subprocess.run(
        [sys.executable, "-c", COLLECTING, str(root)], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["code"] == 0 and (root / "site" / "index.html").is_file()
    # Parsing the command line comes before the choice; after it, only the one collection at the
    # end of the only chunk of pages.
    after = [where for where in found["collections"] if "build_parser" not in where]
    assert [where[0] for where in after] == ["render"], found
    assert found["frozen"] > 10_000
    assert found["left"] < 500, found
