"""The project's ``static/`` folder: files copied to the site's root as they are (a ``CNAME``,
``robots.txt``, ``.nojekyll``, ``_redirects``, a favicon), as Hugo and Zola copy theirs."""

from __future__ import annotations

import os
from pathlib import Path

from playbook.layout import STATIC

# Editor temporaries and backups are never published; hidden files are (.nojekyll, .well-known/).
TEMPORARY = (".swp", ".swo", ".swx", ".tmp", ".bak", ".kate-swp", "~")


def static_files(root: Path) -> dict[str, Path]:
    """Return site path -> source file for every regular file under ``root/static/``, in order.

    A symbolic link is left out, so a link to a file elsewhere on the machine is never published.
    """
    folder = root / STATIC
    if folder.is_symlink() or not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for directory, folders, files in os.walk(folder):  # os.walk does not follow links to folders
        folders[:] = sorted(name for name in folders if name != ".git")
        here = Path(directory)
        for name in sorted(files):
            source = here / name
            if name.endswith(TEMPORARY) or name in (".DS_Store", "4913") or source.is_symlink():
                continue
            if source.is_file():
                found[source.relative_to(folder).as_posix()] = source
    return found


def static_clashes(static: dict[str, Path], made: set[str]) -> list[str]:
    """Return a message for each static file whose site path the site makes itself."""
    return [
        f"{STATIC}/{path} would replace the site's own {path}; rename or remove it"
        for path in static
        if path in made
    ]
