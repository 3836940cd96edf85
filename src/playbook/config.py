"""``playbook.yaml``: the project's settings, every one with a default, validated by the same schema code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from playbook.diagnostics import Diagnostic, Position, Severity
from playbook.model import CATCHABILITY, EMOTIONAL_STATES, ERROR_COSTS, FREQUENCIES
from playbook.rules import RULES, diagnostic
from playbook.schema import Boolean, Choice, Number, Record, Table, Text, read_document
from playbook.source import MAX_FILE_BYTES, decode_text
from playbook.yamltree import Node, read_yaml

CONFIG_FILE = "playbook.yaml"
BASE_URL = re.compile(r"https?://[^\s<>\"'`]+")
# A BCP 47 language tag, loosely: it lands in <html lang>, where anything else is invalid HTML.
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|[xX](?:-[A-Za-z0-9]{1,8})+")


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class RankingConfig:
    """The constants of DESIGN §4: how answers become required accuracy, pain and score."""

    error_cost: Mapping[str, float] = field(default_factory=lambda: _frozen({"low": 0.70, "medium": 0.80, "high": 0.90, "critical": 0.97}))
    catchability: Mapping[str, float] = field(default_factory=lambda: _frozen({"easy": -0.05, "moderate": 0.0, "hard": 0.05}))
    emotional_state: Mapping[str, float] = field(default_factory=lambda: _frozen({"calm": 0.0, "rushed": 0.01, "stressed": 0.02, "high-stakes": 0.03}))
    accuracy_floor: float = 0.50
    accuracy_ceiling: float = 0.99
    frequency: Mapping[str, float] = field(default_factory=lambda: _frozen({"daily": 1.0, "weekly": 0.8, "monthly": 0.55, "quarterly": 0.35, "rarely": 0.15}))
    severity_points: float = 20.0


@dataclass(frozen=True)
class CriteriaConfig:
    """The thresholds of the criteria rules."""

    partial_below: float = 0.6
    broad_words: int = 25
    long_steps: int = 7
    stale_days: int = 180


@dataclass(frozen=True)
class Config:
    """Everything ``playbook.yaml`` can set."""

    title: str = "Opportunity playbook"
    description: str = ""
    base_url: str = ""
    theme: str = "default"
    language: str = "en"
    allow_html: bool = False
    ranking: RankingConfig = field(default_factory=RankingConfig)
    criteria: CriteriaConfig = field(default_factory=CriteriaConfig)
    rules: Mapping[str, Severity | None] = field(default_factory=lambda: _frozen({}))

    def severity(self, code: str) -> Severity | None:
        """Return the severity of rule ``code`` in this project, or None when it is off."""
        return self.rules.get(code, RULES[code].severity)


def _weights(keys: tuple[str, ...], description: str, low: float, high: float) -> Table:
    return Table(description, keys=keys, value=Number(minimum=low, maximum=high))


SEVERITIES = ("error", "warning", "info", "off")

SCHEMA = Record(
    description="Settings of a playbook project. Every key is optional.",
    fields={
        "title": Text("The playbook's name, shown on every page."),
        "description": Text("One sentence about the playbook, for the home page and the feed."),
        "base_url": Text("Where the site is published, e.g. https://example.com/playbook/. Needed for feed.xml and sitemap.xml.",
                         pattern=BASE_URL.pattern, pattern_help="an http(s) URL such as https://example.com/playbook/"),
        "theme": Text("A folder name under themes/; templates missing there come from the default theme.",
                      pattern=r"[A-Za-z0-9_][A-Za-z0-9_.-]*", pattern_help="a folder name under themes/"),
        "language": Text("The content's language, as a BCP 47 tag such as en or de-CH.",
                         pattern=LANGUAGE.pattern, pattern_help="a BCP 47 language tag such as en or de-CH"),
        "markdown": Record("How Markdown is rendered.", fields={
            "allow_html": Boolean("Let raw HTML in Markdown through. Off by default: it is escaped."),
        }),
        "ranking": Record("The constants that turn answers into numbers (DESIGN §4).", fields={
            "error_cost": _weights(ERROR_COSTS, "Base required accuracy per error cost.", 0, 1),
            "catchability": _weights(CATCHABILITY, "Added to the required accuracy per catchability.", -1, 1),
            "emotional_state": _weights(EMOTIONAL_STATES, "Added to the required accuracy per emotional state.", -1, 1),
            "accuracy_floor": Number("Lowest required accuracy.", minimum=0, maximum=1),
            "accuracy_ceiling": Number("Highest required accuracy.", minimum=0, maximum=1),
            "frequency": _weights(FREQUENCIES, "Pain weight per frequency.", 0, 1),
            "severity_points": Number("Pain points per severity step.", minimum=0, maximum=20),
        }),
        "criteria": Record("Thresholds of the criteria rules.", fields={
            "partial_below": Number("PB301 fires below this completeness.", minimum=0, maximum=1),
            "broad_words": Number("PB302 fires when the problem has more words.", minimum=1, integer=True),
            "long_steps": Number("PB303 fires when the workflow has more steps.", minimum=1, integer=True),
            "stale_days": Number("PB401 fires when updated is older.", minimum=1, integer=True),
        }),
        "rules": Table("Severity per rule code: error, warning, info or off.", keys=tuple(RULES), value=Choice(values=SEVERITIES)),
    },
)


class ConfigError(Exception):
    """``playbook.yaml`` is invalid; ``diagnostics`` say where and why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def load_config(root: Path) -> Config:
    """Return the project's configuration, or raise ConfigError listing every problem in it."""
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return Config()
    if not path.is_file():  # a folder, a FIFO that would block reading, a link to nothing
        raise ConfigError([_config_problem("PB001", Position(), f"{CONFIG_FILE} is not a regular file", "make it a YAML file, or remove it")])
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ConfigError([_config_problem("PB001", Position(), f"{CONFIG_FILE} is over {MAX_FILE_BYTES:,} bytes", "")])
        text, problem = decode_text(path.read_bytes())
    except OSError as error:
        raise ConfigError([_config_problem("PB001", Position(), f"cannot read {CONFIG_FILE}: {error.strerror or error}", "")]) from None
    if problem is not None:
        raise ConfigError([_config_problem("PB001", *problem)])
    tree, yaml_problems = read_yaml(text, first_line=1)
    diagnostics = [_config_problem(p.code, Position(p.line, p.column), p.message, p.hint) for p in yaml_problems]
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
    if name == "default" or (root / "themes" / name).is_dir():
        return []
    span = reading.span("theme")
    return [_config_problem("PB002", span.position, f"theme: no folder themes/{name}/ in the project",
                            "create it, or remove the line to use the default theme")]


def _lowered_fatal_rules(tree: Node) -> list[Diagnostic]:
    """Return an error for each rule that cannot be lowered but is, read from the YAML itself so it
    is reported even when other settings are invalid too."""
    rules = tree.get("rules") if tree.kind == "mapping" else None
    found = []
    for key, value in (rules.items if rules is not None and rules.kind == "mapping" else []):
        code = key.value.strip()
        if code in RULES and RULES[code].fatal and value.kind == "scalar" and value.value.strip() != "error":
            found.append(_config_problem("PB002", Position(value.line, value.column),
                                         f"rules.{code}: {code} cannot be lowered: a brief that fails it cannot be checked at all",
                                         "remove this line"))
    return found


def config_from_values(values: dict) -> Config:
    """Return the configuration that validated ``values`` describe, defaults filling the gaps."""
    defaults = RankingConfig()
    ranking = values.get("ranking", {})
    merged = {}
    for name in ("error_cost", "catchability", "emotional_state", "frequency"):
        merged[name] = _frozen({**getattr(defaults, name), **ranking.get(name, {})})
    for name in ("accuracy_floor", "accuracy_ceiling", "severity_points"):
        merged[name] = ranking.get(name, getattr(defaults, name))
    rules = {code: (None if level == "off" else Severity.parse(level)) for code, level in values.get("rules", {}).items()}
    return Config(
        title=values.get("title", Config.title),
        description=values.get("description", ""),
        base_url=values.get("base_url", ""),
        theme=values.get("theme", "default"),
        language=values.get("language", "en"),
        allow_html=values.get("markdown", {}).get("allow_html", False),
        ranking=RankingConfig(**merged),
        criteria=CriteriaConfig(**{**CriteriaConfig().__dict__, **values.get("criteria", {})}),
        rules=_frozen(rules),
    )
