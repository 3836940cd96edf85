"""``playbook.yaml``: the project's settings. Each key is declared once (``options.py``): its
schema, typed value, default and documentation come from that one declaration."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from msgspec import Struct

from playbook.diagnostics import ConfigError, Diagnostic, Position, Severity
from playbook.layout import BASE_URL, CONFIG_FILE, THEMES
from playbook.lazyregex import regex
from playbook.load.model import CATCHABILITY, EMOTIONAL_STATES, ERROR_COSTS, FREQUENCIES
from playbook.load.options import frozen, option, record_of, section, value_of
from playbook.load.schema import Boolean, Choice, Number, Table, Text, TextList, read_document
from playbook.load.source import MAX_FILE_BYTES, decode_text
from playbook.load.yamltree import Node, read_yaml
from playbook.rules import RULES, diagnostic

__all__ = ["CONFIG_FILE", "Config", "ConfigError", "CriteriaConfig", "RankingConfig", "SCHEMA", "load_config"]
# A BCP 47 language tag, loosely: it lands in <html lang>, where anything else is invalid HTML.
LANGUAGE = regex(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|[xX](?:-[A-Za-z0-9]{1,8})+")


SEVERITIES = ("error", "warning", "info", "off")
FIT_BASES = ("estimate", "lower_bound")


def _weights(keys: tuple[str, ...], low: float, high: float) -> Table:
    return Table(keys=keys, value=Number(minimum=low, maximum=high))


def _severities(levels: Mapping[str, str]) -> Mapping[str, Severity | None]:
    return frozen(
        {code: (None if level == "off" else Severity.parse(level)) for code, level in levels.items()}
    )


class MarkdownConfig(Struct, frozen=True):
    """How Markdown is rendered (``markdown:`` in playbook.yaml)."""

    allow_html: bool = option(
        Boolean(), False, "Let raw HTML in Markdown through. Off by default: it is escaped."
    )


class RankingConfig(Struct, frozen=True):
    """The constants of DESIGN §4: how answers become required accuracy, pain and score."""

    error_cost: Mapping[str, float] = option(
        _weights(ERROR_COSTS, 0, 1),
        {"low": 0.70, "medium": 0.80, "high": 0.90, "critical": 0.97},
        "Base required accuracy per error cost.",
        merge=True,
    )
    catchability: Mapping[str, float] = option(
        _weights(CATCHABILITY, -1, 1),
        {"easy": -0.05, "moderate": 0.0, "hard": 0.05},
        "Added to the required accuracy per catchability.",
        merge=True,
    )
    emotional_state: Mapping[str, float] = option(
        _weights(EMOTIONAL_STATES, -1, 1),
        {"calm": 0.0, "rushed": 0.01, "stressed": 0.02, "high-stakes": 0.03},
        "Added to the required accuracy per emotional state.",
        merge=True,
    )
    accuracy_floor: float = option(Number(minimum=0, maximum=1), 0.50, "Lowest required accuracy.")
    accuracy_ceiling: float = option(Number(minimum=0, maximum=1), 0.99, "Highest required accuracy.")
    frequency: Mapping[str, float] = option(
        _weights(FREQUENCIES, 0, 1),
        {"daily": 1.0, "weekly": 0.8, "monthly": 0.55, "quarterly": 0.35, "rarely": 0.15},
        "Pain weight per frequency.",
        merge=True,
    )
    severity_points: float = option(Number(minimum=0, maximum=20), 20.0, "Pain points per severity step.")
    confidence: float = option(
        Number(minimum=0.5, maximum=0.999),
        0.95,
        "The confidence of the interval around a measured accuracy (model.samples or model.eval).",
    )
    min_slice_cases: int = option(
        Number(minimum=1, integer=True),
        30,
        "Fewest graded cases a slice of the evaluation (model.eval_slice) needs to be judged; "
        "a smaller slice is shown as too small to judge.",
    )
    fit_on: str = option(
        Choice(values=FIT_BASES),
        "estimate",
        "Rank on the measured accuracy (estimate) or, for the cautious view, "
        "on its interval's low end (lower_bound).",
    )


class CriteriaConfig(Struct, frozen=True):
    """The thresholds of the criteria rules."""

    partial_below: float = option(Number(minimum=0, maximum=1), 0.6, "PB301 fires below this completeness.")
    broad_words: int = option(
        Number(minimum=1, integer=True), 25, "PB302 fires when the problem has more words."
    )
    long_steps: int = option(
        Number(minimum=1, integer=True), 7, "PB303 fires when the workflow has more steps."
    )
    stale_days: int = option(Number(minimum=1, integer=True), 180, "PB401 fires when updated is older.")
    benchmarks: tuple[str, ...] = option(
        TextList(),
        (),
        "More names of public benchmarks and leaderboards for PB201, "
        "such as an industry test set your field knows.",
    )
    broad_scope: tuple[str, ...] = option(
        TextList(),
        (),
        "More words that mean a problem is broad, for PB302, such as "
        "a platform name your team uses for everything.",
    )
    allow: tuple[str, ...] = option(
        TextList(),
        (),
        "Phrases the prose rules (PB101, PB103, PB201, PB302) never fire on, such as a team or product name.",
    )


class HistoryConfig(Struct, frozen=True):
    """What the site shows of the project's git history."""

    # Never a '-' first: git would read the value as an option (--output=FILE writes a file).
    since: str = option(
        Text(
            pattern=r"[^\s-].{0,199}",
            pattern_help="a tag, a commit or a date such as 90.days, which never begins with '-'",
        ),
        "",
        "Show a Changes page, movement markers and accuracy over time since this tag, commit or date "
        "(90.days, 2026-09-01, last-tag). Empty: no history on the site.",
    )


class Config(Struct, frozen=True):
    """Everything ``playbook.yaml`` can set."""

    title: str = option(Text(), "Opportunity playbook", "The playbook's name, shown on every page.")
    description: str = option(Text(), "", "One sentence about the playbook, for the home page and the feed.")
    base_url: str = option(
        Text(pattern=BASE_URL.pattern, pattern_help="an http(s) URL such as https://example.com/playbook/"),
        "",
        "Where the site is published, e.g. https://example.com/playbook/. "
        "Needed for feed.xml and sitemap.xml.",
    )
    theme: str = option(
        Text(pattern=r"[A-Za-z0-9_][A-Za-z0-9_.-]*", pattern_help="a folder name under themes/"),
        "default",
        "A folder name under themes/; templates missing there come from the default theme.",
    )
    language: str = option(
        Text(pattern=LANGUAGE.pattern, pattern_help="a BCP 47 language tag such as en or de-CH"),
        "en",
        "The content's language, as a BCP 47 tag such as en or de-CH.",
    )
    markdown: MarkdownConfig = section(MarkdownConfig, "How Markdown is rendered.")
    ranking: RankingConfig = section(
        RankingConfig, "The constants that turn answers into numbers (DESIGN §4)."
    )
    criteria: CriteriaConfig = section(CriteriaConfig, "Thresholds of the criteria rules.")
    history: HistoryConfig = section(HistoryConfig, "The playbook over time, from its git history.")
    rules: Mapping[str, Severity | None] = option(
        Table(keys=tuple(RULES), value=Choice(values=SEVERITIES)),
        {},
        "Severity per rule code: error, warning, info or off.",
        convert=_severities,
    )

    @property
    def allow_html(self) -> bool:
        return self.markdown.allow_html

    def severity(self, code: str) -> Severity | None:
        """Return the severity of rule ``code`` in this project, or None when it is off."""
        return self.rules.get(code, RULES[code].severity)


SCHEMA = record_of(Config, "Settings of a playbook project. Every key is optional.")


def load_config(root: Path, text: str | None = None) -> Config:
    """Return the project's configuration, or raise ConfigError listing every problem in it;
    ``text`` is the file's text when it is given (an editor's unsaved buffer)."""
    if text is None:
        path = root / CONFIG_FILE
        if not path.exists() and not path.is_symlink():
            return Config()
        if not path.is_file():  # a folder, a FIFO that would block reading, a link to nothing
            raise ConfigError(
                [
                    _config_problem(
                        "PB001",
                        Position(),
                        f"{CONFIG_FILE} is not a regular file",
                        "make it a YAML file, or remove it",
                    )
                ]
            )
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ConfigError(
                    [
                        _config_problem(
                            "PB001", Position(), f"{CONFIG_FILE} is over {MAX_FILE_BYTES:,} bytes", ""
                        )
                    ]
                )
            data = path.read_bytes()
        except OSError as error:
            raise ConfigError(
                [
                    _config_problem(
                        "PB001", Position(), f"cannot read {CONFIG_FILE}: {error.strerror or error}", ""
                    )
                ]
            ) from None
    else:
        data = text.encode("utf-8", "surrogatepass")
    text, problem = decode_text(data)
    if problem is not None:
        raise ConfigError([_config_problem("PB001", *problem)])
    tree, yaml_problems = read_yaml(text, first_line=1)
    diagnostics = [
        _config_problem(p.code, Position(p.line, p.column), p.message, p.hint) for p in yaml_problems
    ]
    if tree is None:
        if diagnostics:
            raise ConfigError(diagnostics)
        return Config()  # an empty file
    values, reading = read_document(SCHEMA, tree, CONFIG_FILE)
    diagnostics += [d if d.code != "PB003" else d.with_severity(Severity.ERROR) for d in reading.diagnostics]
    diagnostics += _lowered_fatal_rules(tree)
    diagnostics += _missing_theme(root, values, reading)
    if diagnostics:
        raise ConfigError(sorted(diagnostics, key=Diagnostic.sort_key))
    return config_from_values(values or {})


def _config_problem(code: str, where: Position, message: str, hint: str) -> Diagnostic:
    return diagnostic(code, CONFIG_FILE, where, message, hint).with_severity(Severity.ERROR)


def _missing_theme(root: Path, values: dict | None, reading) -> list[Diagnostic]:
    name = (values or {}).get("theme", "default")
    if name == "default" or (root / THEMES / name).is_dir():
        return []
    span = reading.span("theme")
    return [
        _config_problem(
            "PB002",
            span.position,
            f"theme: no folder themes/{name}/ in the project",
            "create it, or remove the line to use the default theme",
        )
    ]


def _lowered_fatal_rules(tree: Node) -> list[Diagnostic]:
    """Return an error for each rule that cannot be lowered but is, read from the YAML itself so it
    is reported even when other settings are invalid too."""
    rules = tree.get("rules") if tree.kind == "mapping" else None
    found = []
    for key, value in rules.items if rules is not None and rules.kind == "mapping" else []:
        code = key.value.strip()
        if code in RULES and RULES[code].fatal and value.kind == "scalar" and value.value.strip() != "error":
            found.append(
                _config_problem(
                    "PB002",
                    Position(value.line, value.column),
                    f"rules.{code}: {code} cannot be lowered: a brief that fails it cannot be checked at all",
                    "remove this line",
                )
            )
    return found


def config_from_values(values: dict) -> Config:
    """Return the configuration that validated ``values`` describe, defaults filling the gaps."""
    return value_of(Config, values)
