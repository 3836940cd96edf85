"""The house: stages as folders with dependencies one way, no import circles, small rooms, and a
package that works installed from its wheel."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
# Floors, bottom to top: a module may import its own floor and the floors below, never above or
# beside it. serve and lsp stand side by side: what both need lives below them (analysis/reuse.py).
FLOORS = {"bottom": 0, "load": 1, "analysis": 2, "site": 3, "serve": 4, "lsp": 4, "cli": 5}
# The site's steps, in the same way: Markdown, then the views, the plan, the rendering and the
# build on top; the output's writer and the render cache stand beside the first step.
SITE_STEPS = {"markdown": 0, "output": 0, "rendercache": 0, "views": 1, "plan": 2, "render": 3, "build": 4}
MAX_MODULE_LINES = 400  # as formatted by ruff (STYLE.md: most modules 100-300 lines, none over ~400)
MAX_CLASS_LINES = 200
# A function's lines as formatted, its data tables not counted: a literal list, tuple, dict or set
# of TABLE_LINES or more that a statement returns or assigns is data, read like a module's table.
MAX_FUNCTION_LINES = 60
TABLE_LINES = 10


def floor(module: str) -> str:
    if module == "playbook.__main__":
        return "cli"  # `python -m playbook`: the command line's front door
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in FLOORS else "bottom"


def site_step(module: str) -> str | None:
    """Return the step of the site ``module`` belongs to (``playbook.site.plan.pages`` -> ``plan``)."""
    parts = module.split(".")
    return parts[2] if len(parts) >= 3 and parts[1] == "site" and parts[2] in SITE_STEPS else None


def runs_up(levels: dict[str, int], here: str, there: str) -> bool:
    """Whether an import from the level ``here`` to ``there`` runs up, or sideways to another."""
    return levels[there] > levels[here] or (levels[there] == levels[here] and there != here)


def read_sources(root: Path = SRC) -> dict[str, str]:
    """Return every module of the package by dotted name."""
    sources = {}
    for path in sorted((root / "playbook").rglob("*.py")):
        name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        sources[name] = path.read_text(encoding="utf-8")
    return sources


def imports(module: str, source: str) -> list[tuple[str, int]]:
    """Return ``(imported module, line)`` for every import of the package, lazy ones included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{module}:{node.lineno}: the package imports absolutely"
            base = node.module or ""
            names = [
                f"{base}.{alias.name}" for alias in node.names
            ]  # a module of the package, or a name in one
        else:
            continue
        for name in names:
            if name == "playbook" or name.startswith("playbook."):
                found.append((name, node.lineno))
    return found


def resolve(name: str, modules: set[str]) -> str | None:
    """Return the module ``name`` is or is in: ``playbook.site.views.api.slugify`` is in
    ``playbook.site.views.api``."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def violations(sources: dict[str, str]) -> list[str]:
    """Return every import that runs back up the house, and every circle of imports: a lazy import
    (inside a function) hides a circle from Python at import time, but the modules still need
    each other, so it counts."""
    modules = set(sources)
    problems = []
    graph: dict[str, set[str]] = {module: set() for module in modules}
    for module, source in sources.items():
        for name, line in imports(module, source):
            target = resolve(name, modules)
            if target is None or target == module or target == "playbook":
                continue
            if runs_up(FLOORS, floor(module), floor(target)):
                problems.append(
                    f"{module}:{line} imports {target}: {floor(module)} must not depend on {floor(target)}"
                )
            here, there = site_step(module), site_step(target)
            if here and there and runs_up(SITE_STEPS, here, there):
                problems.append(
                    f"{module}:{line} imports {target}: site.{here} must not depend on site.{there}"
                )
            if (module == "playbook.rules" or module.startswith("playbook.rules.")) and floor(
                target
            ) != "bottom":
                problems.append(f"{module}:{line} imports {target}: the registry must not import the checks")
            graph[module].add(target)
    problems += [f"import circle: {' -> '.join(cycle)}" for cycle in cycles(graph)]
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return one circle through each strongly connected group of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group) + [min(group)])

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_stages_depend_one_way_and_no_module_imports_in_a_circle():
    assert violations(read_sources()) == []


@pytest.mark.parametrize(
    "module, planted, expected",
    [
        ("playbook.load.model", "from playbook.cli.main import main\n", "load must not depend on cli"),
        ("playbook.load.config", "import playbook.analysis.metrics\n", "load must not depend on analysis"),
        (
            "playbook.analysis.ranking",
            "from playbook.site.views.api import slugify\n",
            "analysis must not depend on site",
        ),
        ("playbook.site.plan.pages", "from playbook.serve import memo\n", "site must not depend on serve"),
        ("playbook.lsp.workspace", "from playbook.serve.memo import Memo\n", "lsp must not depend on serve"),
        (
            "playbook.site.views.briefs",
            "from playbook.site.plan.planned import PlannedPage\n",
            "site.views must not depend on site.plan",
        ),
        (
            "playbook.site.markdown.common",
            "from playbook.site.output.marker import MARKER\n",
            "site.markdown must not depend on site.output",
        ),
        (
            "playbook.serve.devsite",
            "from playbook.lsp.workspace import Project\n",
            "serve must not depend on lsp",
        ),
        (
            "playbook.serve.memo",
            "def later():\n    from playbook.cli.report import Style\n",
            "serve must not depend on cli",
        ),
        ("playbook.diagnostics", "from playbook.load.model import Brief\n", "bottom must not depend on load"),
        (
            "playbook.rules.losses",
            "from playbook.analysis.criteria import CHECKS\n",
            "the registry must not import the checks",
        ),
        ("playbook.analysis.metrics", "from playbook.analysis.project import Analysis\n", "import circle"),
        (
            "playbook.site.markdown.fast",
            "def later():\n    from playbook.site.markdown.renderer import MarkdownRenderer\n",
            "import circle",
        ),
    ],
)
def test_a_planted_wrong_import_is_caught(module, planted, expected):
    sources = read_sources()
    sources[module] = planted + sources[module]
    assert any(expected in problem for problem in violations(sources)), violations(sources)


def test_rooms_are_small():
    too_big = []
    for module, source in read_sources().items():
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            too_big.append(f"{module}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES:
                too_big.append(f"{module}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert too_big == []


def function_lines(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Return the lines of ``function`` that are not data tables (see MAX_FUNCTION_LINES)."""
    lines = function.end_lineno - function.lineno + 1
    for node in ast.walk(function):
        value = getattr(node, "value", None)
        if isinstance(node, (ast.Return, ast.Assign, ast.AnnAssign, ast.Expr)) and isinstance(
            value, (ast.List, ast.Tuple, ast.Dict, ast.Set)
        ):
            span = value.end_lineno - value.lineno + 1
            lines -= span if span >= TABLE_LINES else 0
    return lines


def long_functions(module: str, source: str) -> list[str]:
    """Return ``module.function lines`` for each function (or method) over MAX_FUNCTION_LINES."""
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = f"{prefix}.{child.name}" if hasattr(child, "name") else prefix
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = function_lines(child)
                if lines > MAX_FUNCTION_LINES:
                    found.append(f"{name}: {lines} lines")
            visit(child, name if isinstance(child, (ast.ClassDef, ast.FunctionDef)) else prefix)

    visit(ast.parse(source), module)
    return found


def test_functions_are_short():
    assert [
        found for module, source in read_sources().items() for found in long_functions(module, source)
    ] == []


def test_a_long_function_is_caught_and_a_long_table_is_not():
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    table = "".join(f"        {i},\n" for i in range(200))
    source = (
        f"def logic():\n{body}\n\nclass Holder:\n    def table(self):\n        return [\n{table}        ]\n"
    )
    assert long_functions("planted", source) == [f"planted.logic: {MAX_FUNCTION_LINES + 1} lines"]


def test_no_two_modules_share_a_file_name():
    """A path should say which module it is: two ``files.py`` or ``project.py`` in different
    folders read as one in a traceback, a search or a review."""
    seen: dict[str, list[str]] = {}
    for path in sorted((SRC / "playbook").rglob("*.py")):
        if path.name != "__init__.py":
            seen.setdefault(path.name, []).append(path.relative_to(SRC).as_posix())
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}


TESTS = SRC.parent / "tests"


def test_tests_hold_only_tests_and_import_only_their_support():
    """A helper lives in tests/support/, never in a test module another one imports: running or
    changing one test file then never collects or breaks another's."""
    found = []
    for path in sorted(TESTS.glob("*.py")):
        if not path.name.startswith("test_") and path.name != "conftest.py":
            found.append(f"{path.name}: not a test module; helpers go in tests/support/")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):  # the module, or a module of it by name
                names = [node.module or "", *(f"{node.module}.{alias.name}" for alias in node.names)]
            else:
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.startswith("tests.test_") or name == "tests.conftest":
                    found.append(f"{path.name}:{node.lineno} imports {name}")
    assert found == []


def test_no_module_keeps_state_in_globals_it_fills_at_run_time():
    """Module-level names bound to mutable containers are constants by convention here; a
    ``global`` statement is the one way to rebind one, and only a pool worker's own job may."""
    offenders = []
    for module, source in read_sources().items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Global):
                offenders.append(f"{module}:{node.lineno} global {', '.join(node.names)}")
    allowed = {
        ("playbook.site.build", "_JOB"),
        ("playbook.analysis.loading", "_SETTINGS"),
    }  # set by a pool's initializer
    assert all((entry.split(":")[0], entry.rsplit(" ", 1)[1]) in allowed for entry in offenders), offenders


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with playbook installed from its wheel alone (its
    dependencies lent from the test environment, never the source tree)."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(base / "dist"),
            str(SRC.parent),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((base / "dist").glob("opportunity_playbook-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site_packages = next(venv.glob("lib/python*/site-packages"))
    lent = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site_packages / "lent-dependencies.pth").write_text("\n".join(lent) + "\n")
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "playbook/serve/live.js" in names and "playbook/themes/default/templates/brief.html" in names
    return venv


def test_the_installed_wheel_builds_a_site_with_its_theme(installed, tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1796083200", "PYTHONPATH": ""}
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import playbook; print(playbook.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert str(installed) in where and str(SRC) not in where  # the wheel's copy, not the checkout's
    assert (
        subprocess.run(
            [str(installed / "bin" / "playbook"), "init", "team"], cwd=tmp_path, env=env
        ).returncode
        == 0
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-m", "playbook", "build", "team"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "team/site/briefs/card-expense-matching/index.html").read_text()
    assert "card-expense" in page and (tmp_path / "team/site/assets/style.css").is_file()
    assert subprocess.run(
        [str(installed / "bin" / "playbook"), "--version"], capture_output=True, text=True, env=env
    ).stdout.startswith("playbook ")
