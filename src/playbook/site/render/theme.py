"""Themes: a Jinja environment over the project's theme with the default theme behind it,
template by template, and the merged set of static assets. Symlinks leading out of the project are
never followed: a theme is part of the project, and a build must not publish a file from elsewhere."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    pass_context,
)
from jinja2.bccache import BytecodeCache
from jinja2.loaders import split_template_path
from markupsafe import Markup

from playbook.layout import DEFAULT_THEME, THEMES
from playbook.site.render.indenting import Unindented


class ThemeError(Exception):
    """The theme named in the config does not exist, or one of its templates is broken."""


TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".svg", ".txt", ".j2", ".jinja", ".jinja2")


class ThemeEnvironment(Environment):
    """Jinja's environment, knowing the project, so an error names its template as the author
    knows it: ``themes/t/templates/brief.html`` or ``default/brief.html``."""

    def __init__(self, project: Path, **options):
        super().__init__(**options)
        self.project = project.resolve()

    def shown(self, filename: str) -> str:
        """Return a template file's name relative to the project, or ``default/…`` for the default theme."""
        path = Path(filename).resolve()
        for base, prefix in ((self.project, ""), (DEFAULT_THEME.resolve() / "templates", "default/")):
            if path.is_relative_to(base):
                return prefix + path.relative_to(base).as_posix()
        return filename

    def failure(self, error: BaseException) -> tuple[str, int | None]:
        """Return the template file and line an exception was raised at (the innermost template
        frame of its traceback, which Jinja rewrites to point into the template), or ('', None)."""
        filename = getattr(error, "filename", None)
        line = getattr(error, "lineno", None)
        if filename:  # a syntax error knows its place
            return self.shown(filename), line
        found: tuple[str, int | None] = ("", None)
        tb = error.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith(TEMPLATE_SUFFIXES) and os.path.isfile(name):
                found = (self.shown(name), tb.tb_lineno)
            tb = tb.tb_next
        return found


class _ProjectLoader(FileSystemLoader):
    """Loads the project theme's templates, refusing one that a symlink leads out of the project
    (a template named like a default one would otherwise publish any file it points at)."""

    def __init__(self, folder: Path, project: Path):
        super().__init__(folder)
        self.folder = folder
        self.real_project = project.resolve()

    def get_source(self, environment, template):
        candidate = self.folder.joinpath(*split_template_path(template))
        if candidate.exists() and not candidate.resolve().is_relative_to(self.real_project):
            shown = candidate.relative_to(self.folder.parent.parent.parent).as_posix()
            raise TemplateError(f"{shown} leads out of the project (a symlink); playbook does not follow it")
        return super().get_source(environment, template)


class Theme:
    """The templates and assets of one theme, falling back to the default theme file by file."""

    def __init__(self, project_root: Path, name: str = "default", compiled: BytecodeCache | None = None):
        own = project_root / THEMES / name
        if name != "default" and not own.is_dir():
            raise ThemeError(f"theme {name!r} not found: expected a folder themes/{name}/ in the project")
        is_default = own.is_dir() and own.resolve() == DEFAULT_THEME.resolve()
        if own.is_dir() and not is_default and not own.resolve().is_relative_to(project_root.resolve()):
            raise ThemeError(
                f"theme folder themes/{name} leads out of the project (a symlink); "
                "playbook does not follow it"
            )
        self.folders = [own, DEFAULT_THEME] if own.is_dir() and not is_default else [DEFAULT_THEME]
        self.real_project = project_root.resolve()
        default_templates = FileSystemLoader(DEFAULT_THEME / "templates")
        loaders = [_ProjectLoader(folder / "templates", project_root) for folder in self.folders[:-1]]
        # "default/x.html" always names the default theme's template, so an override can extend it.
        loaders += [PrefixLoader({"default": default_templates}), default_templates]
        self.env = ThemeEnvironment(
            project_root,
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=[Unindented],  # the templates' indentation stays out of the pages
            bytecode_cache=compiled,  # compiled templates kept between runs (render/compiled.py)
        )
        self.fragments: dict[tuple, tuple[tuple, Markup]] = {}
        self.env.globals["reuse"] = self._reuse

    def forget_fragments(self) -> None:
        """Start a new version of the site: the views fragments were made from may change."""
        self.fragments.clear()

    @pass_context
    def _reuse(self, context, macro, *args, **kwargs) -> Markup:
        """``{{ reuse(m.brief_row, b, tiered=false) }}``: call ``macro``, or return what the same call
        gave on an earlier page at the same folder depth. For macros whose markup depends only on
        their arguments (views, taken by identity) and on ``url``; a brief's row is then rendered
        once for the index and once for all the tag, status and sufferer pages."""
        url = context.get("url")
        code = getattr(getattr(macro, "_func", None), "__code__", None)
        key = (
            getattr(macro, "name", None),
            code,
            getattr(url, "prefix", url),
            tuple(a if isinstance(a, (str, int, float, bool, type(None))) else id(a) for a in args),
            tuple(sorted(kwargs.items())),
        )
        try:
            hit = self.fragments.get(key)
        except TypeError:  # an argument by keyword that cannot be a key: nothing to reuse
            return macro(*args, **kwargs)
        if hit is None:
            hit = self.fragments[key] = (args, macro(*args, **kwargs))  # args held: their ids stay theirs
        return hit[1]

    def digest(self) -> str:
        """Return a hash of every template and asset this theme resolves to, for cache keys."""
        hasher = hashlib.sha1()
        for folder in self.folders:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    hasher.update(
                        path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
                    )
        return hasher.hexdigest()

    def assets(self) -> dict[str, Path]:
        """Return every asset as ``{relative path: file}``, the project theme's winning over the default's."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            base = folder / "assets"
            if not base.is_dir():
                continue
            real_base = base.resolve() if folder == DEFAULT_THEME else self.real_project
            for directory, dirs, files in os.walk(base):
                dirs.sort()
                for name in sorted(files):
                    path = Path(directory) / name
                    if name.startswith(".") or not path.resolve().is_relative_to(real_base):
                        continue  # hidden files, and symlinks leading out of the theme or the project
                    found[path.relative_to(base).as_posix()] = path
        return dict(sorted(found.items()))
