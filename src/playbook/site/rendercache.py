"""The build's render cache in ``.playbook-cache/``: what the last build rendered, so that a warm
build renders only the pages whose template context changed. Signed and plain data, as the
source cache is (``load/cache.py``): a cache nobody can trust is ignored, never believed."""

from __future__ import annotations

from pathlib import Path

from playbook import __version__
from playbook.load.cache import CODE
from playbook.load.signed import Signed


class RenderCache:
    """What the last build rendered: each body's words for the search index (by what the body is
    made from), and for every page the fingerprint of its template context with the SHA-1 of the
    bytes that context gave. ``salt`` names everything else a page depends on (tool version,
    theme files, settings).

    A page is reused only when the file the previous site holds *now* has that digest: the
    pairs are facts about rendering, true whichever build — cached or not, into this folder or
    another, interrupted or not — left the file there, and a file damaged since fails the check.
    """

    def __init__(self, root: Path, salt: str):
        self.file = Signed(
            root,
            "render.msgpack",
            f"playbook-{__version__}-{CODE}-render",
            {"salt": str, "words": dict[str, str], "pages": dict[str, tuple[str, str]]},
        )
        stored = self.file.read()
        fresh = stored.get("salt") == salt
        self.salt = salt
        self.words: dict[str, str] = stored.get("words", {}) if fresh else {}
        self.pages: dict[str, tuple[str, str]] = stored.get("pages", {}) if fresh else {}

    @property
    def problem(self) -> str:
        return self.file.problem

    def save(self, words: dict[str, str], pages: dict[str, tuple[str, str]]) -> None:
        self.file.write({"salt": self.salt, "words": words, "pages": pages})
