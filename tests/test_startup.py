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
    # measured accuracy's interval (statistics brings decimal and fractions), serve's render
    # time limit and the pool's parent watch (ctypes), a did-you-mean (difflib)
    "playbook.load.readers.documents",
    "playbook.load.readers.rows",
    "csv",
    "statistics",
    "decimal",
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
