"""Where things are: the project's folders and files, and the site's own folders — one table of
the group pages every brief is filed under, which plans those pages and reserves their
addresses. Plain data at the bottom floor, so loading, the site and the dev server agree."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from playbook.lazyregex import regex

BASE_URL = regex(r"""https?://[^\s<>"'`]+""")  # a site address; no escape that ECMA-262's u flag refuses

CONFIG_FILE = "playbook.yaml"
CONTENT = "content"
BRIEFS = f"{CONTENT}/briefs"
THEMES = "themes"
STATIC = "static"  # files copied to the site's root as they are
WATCHED = (CONTENT, THEMES, STATIC)  # folders whose every change can change the site (and CONFIG_FILE)
SITE = "site"  # the default output folder
CACHE = ".playbook-cache"
DEFAULT_THEME = Path(__file__).parent / "themes" / "default"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")  # this machine, as a Host header or --host names it
# Editor temporaries and backups, never content: vim's .swp and 4913, emacs's #x# and .#x,
# backups ending in ~, kate's .kate-swp; hidden files are skipped by name too.
IGNORED = regex(r"^\.|~$|^#.*#$|\.(swp|swo|swx|tmp|bak|kate-swp)$|^4913$")


def is_project(root: Path) -> bool:
    """Whether ``root`` looks like a playbook project: a content folder or a config file."""
    return (root / CONTENT).is_dir() or (root / CONFIG_FILE).is_file()


def find_project(start: Path, home: Path | None = None) -> Path | None:
    """Return the project ``start`` is in, as git, ruff and zola find theirs: ``start`` itself when
    it is one, else the nearest parent holding ``playbook.yaml`` or ``content/briefs/`` (a bare
    ``content/`` above is too common to claim a parent). The walk stops at ``home`` when ``start``
    is inside it, and at the file system's root; None when no folder on the way is a project."""
    start = start.absolute()
    if is_project(start):
        return start
    for parent in start.parents:
        if (parent / CONFIG_FILE).is_file() or (parent / BRIEFS).is_dir():
            return parent
        if parent == home:
            break  # a project never spans home folders: ~/content/ is someone's, not ours
    return None


class GroupKind(Struct, frozen=True):
    """A kind of index page the site files each brief under: ``/tags/<tag>/`` and the like.

    ``key`` names the brief's field whose values make the groups (a list field gives one group
    per item); ``named`` says whether a group's address is made from its name (tags, sufferers)
    or is the value itself (a status, which is already a slug); ``ordered_by`` gives the values
    in their order when the groups follow it rather than the alphabet.
    """

    kind: str  # "tag"
    folder: str  # "tags": the index is /tags/, a group /tags/<slug>/
    label: str  # the index page's title: "Tags"
    heading: str  # a group page's title before its name: "Tag"
    key: str  # the brief's field: "tags", "sufferer.who", "status"
    intro: str  # the index page's lede
    named: bool = True
    ordered_by: tuple[str, ...] = ()


STATUSES = ("idea", "exploring", "validated", "building", "shipped", "parked", "killed")

GROUP_KINDS = (
    GroupKind("tag", "tags", "Tags", "Tag", "tags", "Topics the briefs are filed under."),
    GroupKind(
        "status",
        "status",
        "Statuses",
        "Status",
        "status",
        "Where each brief is in its life, from idea to shipped, parked or killed.",
        named=False,
        ordered_by=STATUSES,
    ),
    GroupKind(
        "sufferer",
        "sufferers",
        "Sufferers",
        "Sufferer",
        "sufferer.who",
        "The people losing the most today. Briefs that name the same sufferer in "
        "the same words share a page.",
    ),
)
SITE_FOLDERS = ("briefs", *(kind.folder for kind in GROUP_KINDS), "criteria", "changes", "search", "assets")
# First parts of an address the site itself uses: a plain page may not take one.
RESERVED_PAGES = frozenset({*SITE_FOLDERS, "index", "404"})
