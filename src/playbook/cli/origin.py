"""Where the running playbook was installed from, read from its distribution's metadata
(``direct_url.json``, PEP 610), as the pip requirement that installs the same playbook in CI.

From the package index, the version is pinned; from git, the URL and the commit; from an archive
on the web, its URL. From a local folder (an editable install, a clone, a wheel on disk) nothing
CI can reach reproduces it, so there is no requirement, only the reason why: the workflow and the
pre-commit hook then fail with an instruction rather than install some other playbook.
"""

from __future__ import annotations

import json
from importlib import metadata
from typing import Sequence

from msgspec import Struct

DISTRIBUTION = "opportunity-playbook"


class Origin(Struct, frozen=True):
    """The pip requirement that installs this playbook again (``""`` when none can), and how it
    was installed: ``index``, ``git``, ``url`` or ``local`` (``why``: what to do then)."""

    requirement: str
    kind: str
    why: str = ""


def playbook_origin(path: Sequence[str] | None = None) -> Origin:
    """Return where the playbook on ``path`` (default: ``sys.path``) was installed from."""
    search = {"path": list(path)} if path is not None else {}
    found = next(iter(metadata.distributions(name=DISTRIBUTION, **search)), None)
    if found is None:
        return _local("playbook runs from source, not from an installed distribution")
    try:
        direct = json.loads(found.read_text("direct_url.json") or "null")
    except ValueError:
        direct = {}  # a damaged file says nothing we could pin
    if direct is None:  # no direct URL: installed from an index, by name and version
        return Origin(f"{DISTRIBUTION}=={found.version}", "index")
    url = direct.get("url", "") if isinstance(direct, dict) else ""
    if not url.startswith(("https://", "http://", "ssh://", "git@")):
        return _local(f"playbook {found.version} was installed from {url or 'a local folder'}")
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return Origin(f"{DISTRIBUTION} @ git+{url}@{vcs['commit_id']}", "git")
    if isinstance(direct.get("archive_info"), dict):
        return Origin(f"{DISTRIBUTION} @ {url}", "url")
    return _local(f"playbook {found.version} was installed from {url} in a way CI cannot repeat")


# What to write instead, when the running playbook cannot be installed again elsewhere.
INSTEAD = (
    f"a published version ({DISTRIBUTION}==VERSION) or a git URL and commit "
    f"({DISTRIBUTION} @ git+https://github.com/OWNER/playbook@COMMIT)"
)


def _local(reason: str) -> Origin:
    return Origin("", "local", f"{reason}, which CI cannot install")
