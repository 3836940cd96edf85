"""Completion, hover and code actions over one buffer. Positions here are 0-based lines and
characters (code points); the server converts them to and from the client's units."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from lsprotocol import types

from playbook.layout import BRIEFS, CONFIG_FILE, CONTENT
from playbook.load.config import SCHEMA
from playbook.load.evals import EVAL_SUFFIXES
from playbook.load.formats import BRIEF, PAGE
from playbook.load.schema import Boolean, Choice, Record, Spec, Table, TextList
from playbook.lsp.context import KEY, Cursor, cursor_at, front_matter_end, spec_at, word_at
from playbook.lsp.values import explain_value
from playbook.lsp.workspace import NO_NUMBERS, Project
from playbook.rules import RULES

NUMBERS = {
    "accuracy",
    "samples",
    "eval",
    "eval_slice",
    "error_cost",
    "catchability",
    "emotional_state",
    "required_accuracy",
}
REASON = "TODO: why this is accepted, and until when"
SAMPLES_OFFERED = re.compile(r"add samples: (\d+) ")  # PB204's hint when measured_on states the count


def schema_of(path: str) -> Record:
    return SCHEMA if path == CONFIG_FILE else BRIEF if str(PurePosixPath(path).parent) == BRIEFS else PAGE


def _edit(line: int, start: int, end: int, text: str) -> types.TextEdit:
    return types.TextEdit(types.Range(types.Position(line, start), types.Position(line, end)), text)


def complete(
    project: Project, path: str, lines: list[str], line: int, character: int
) -> list[types.CompletionItem]:
    """Return what can be written at the cursor: keys, values, slugs."""
    cursor = cursor_at(lines, line, character, whole=path == CONFIG_FILE)
    if cursor.where == "body":
        before = lines[line][:character]
        opened = before.rfind("[[")
        if opened >= 0 and "]]" not in before[opened:]:
            return _slugs(project, path, line, opened + 2, character)
        return []
    spec = spec_at(schema_of(path), cursor.path)
    if cursor.where == "key":
        return _keys(spec, cursor, line, character)
    if cursor.where in ("value", "item"):
        if isinstance(spec, TextList):
            spec = spec.item
        if cursor.path[-1:] == ("related",) and path != CONFIG_FILE:
            return _slugs(project, path, line, cursor.start, character)
        if cursor.path == ("model", "eval"):
            return _eval_files(project, line, cursor.start, character)
        field = "severity" if path == CONFIG_FILE and cursor.path[:1] == ("rules",) else cursor.path[-1]
        return _values(spec, field, project.judged.weights, line, cursor.start, character)
    return []


def _keys(spec: Spec | None, cursor: Cursor, line: int, character: int) -> list[types.CompletionItem]:
    items = []
    if isinstance(spec, Record):
        for name, field in spec.fields.items():
            if name in cursor.siblings:
                continue
            documentation = field.description + ("" if not field.required else "\n\nRequired.")
            items.append(
                types.CompletionItem(
                    label=name,
                    kind=types.CompletionItemKind.Property,
                    detail=field.expected(),
                    documentation=types.MarkupContent(types.MarkupKind.Markdown, documentation),
                    text_edit=_edit(line, cursor.start, character, f"{name}: "),
                    sort_text=f"{0 if field.required else 1}{name}",
                )
            )
    elif isinstance(spec, Table):
        for key in spec.keys:
            rule = RULES.get(key)
            items.append(
                types.CompletionItem(
                    label=key,
                    kind=types.CompletionItemKind.Property,
                    detail=rule.name if rule else spec.value.expected(),
                    documentation=types.MarkupContent(types.MarkupKind.Markdown, rule.summary)
                    if rule
                    else None,
                    text_edit=_edit(line, cursor.start, character, f"{key}: "),
                )
            )
    return items


def _values(
    spec: Spec | None, field: str, weights: dict, line: int, start: int, character: int
) -> list[types.CompletionItem]:
    """Return the values of a choice, each with what it means and does (a boolean's two too)."""
    values: tuple[str, ...] = ()
    if isinstance(spec, Choice):
        values = spec.values
    elif isinstance(spec, Boolean):
        values = ("true", "false")
    items = []
    for value in values:
        detail, meaning = explain_value(field, value, weights)
        items.append(
            types.CompletionItem(
                label=value,
                kind=types.CompletionItemKind.EnumMember,
                detail=detail or spec.description or None,
                documentation=types.MarkupContent(types.MarkupKind.Markdown, meaning) if meaning else None,
                text_edit=_edit(line, start, character, value),
                sort_text=f"{len(items):02d}",  # in the schema's order, mildest first
            )
        )
    return items


def _slugs(project: Project, path: str, line: int, start: int, character: int) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=slug,
            kind=types.CompletionItemKind.Reference,
            detail=title,
            text_edit=_edit(line, start, character, slug),
        )
        for brief_path, slug, title in project.judged.briefs
        if brief_path != path
    ]


def _eval_files(project: Project, line: int, start: int, character: int) -> list[types.CompletionItem]:
    content = project.root / CONTENT
    found = sorted(
        p.relative_to(content).as_posix()
        for p in content.rglob("*")
        if p.suffix in EVAL_SUFFIXES and p.is_file()
    )
    return [
        types.CompletionItem(
            label=name, kind=types.CompletionItemKind.File, text_edit=_edit(line, start, character, name)
        )
        for name in found[:200]
    ]


def hover(
    project: Project, path: str, lines: list[str], line: int, character: int
) -> tuple[str, int, int] | None:
    """Return the markdown to show over the word at the cursor, and the word's span."""
    if line >= len(lines):
        return None
    text = lines[line].rstrip("\r\n")
    word, start, end = word_at(text, character)
    if word in RULES:
        rule = RULES[word]
        return (
            f"**{rule.code} {rule.name}** ({rule.severity.label} by default)\n\n"
            f"{rule.summary}\n\n{rule.reason}",
            start,
            end,
        )
    match = KEY.match(text)
    whole = path == CONFIG_FILE
    if not match or match.group("key") != word or not (match.start("key") <= character <= match.end("key")):
        return None
    if not 0 <= line < front_matter_end(lines, whole) or (not whole and line == 0):
        return None
    cursor = cursor_at(lines, line, match.start("key"), whole)
    spec = spec_at(schema_of(path), (*cursor.path, word))
    if spec is None:
        return None
    shown = f"**{word}**: {spec.description or spec.expected()}\n\n*{spec.expected()}*"
    if word in NUMBERS and not whole:
        shown += "\n\n" + project.judged.numbers.get(path, NO_NUMBERS)
    return shown, start, end


def code_actions(
    path: str, uri: str, lines: list[str], diagnostics: list[types.Diagnostic]
) -> list[types.CodeAction]:
    """Return the fixes of ``diagnostics`` (in characters): a did-you-mean applied, a missing key
    added with its question, a finding accepted with a reason to write."""
    actions: list[types.CodeAction] = []
    accepted: set[str] = set()
    for found in diagnostics:
        data = found.data if isinstance(found.data, dict) else {}
        code = data.get("code") or (found.code if isinstance(found.code, str) else "")
        edit = None
        if data.get("suggestion"):
            edit, title = _replace(lines, found, data["suggestion"]), f"Change to '{data['suggestion']}'"
        elif found.message.startswith("missing required field "):
            key = found.message.removeprefix("missing required field ")
            edit, title = _add_key(lines, path, key), f"Add {key}"
        elif code == "PB204" and (count := SAMPLES_OFFERED.match(data.get("hint") or "")):
            edit, title = (
                _add_key(lines, path, "model.samples", count.group(1)),
                f"Add samples: {count.group(1)}",
            )
        if edit is not None:
            actions.append(
                types.CodeAction(
                    title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[found],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
        rule = RULES.get(code)
        if (
            rule is not None
            and rule.acceptable
            and data.get("severity") in ("warning", "info")
            and code not in accepted
        ):
            accept = _accept(lines, code)
            if accept is not None:
                accepted.add(code)
                actions.append(
                    types.CodeAction(
                        f"Accept {code} {rule.name}, with a reason",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[found],
                        edit=types.WorkspaceEdit(changes={uri: [accept]}),
                    )
                )
    return actions


def _replace(lines: list[str], found: types.Diagnostic, suggestion: str) -> types.TextEdit:
    start, end = found.range.start, found.range.end
    text = lines[start.line][start.character : end.character] if start.line == end.line < len(lines) else ""
    old = re.search(r"'([^']*)'", found.message)
    if old and old.group(1) and old.group(1) in text:  # "[[vendr-risk]]": only the slug changes
        offset = start.character + text.index(old.group(1))
        return _edit(start.line, offset, offset + len(old.group(1)), suggestion)
    return _edit(start.line, start.character, end.character, suggestion)


def _add_key(lines: list[str], path: str, key: str, value: str = "") -> types.TextEdit | None:
    """Return the edit that writes ``key`` (dotted) under its parent: with ``value``, or empty
    with its question as a comment."""
    whole = path == CONFIG_FILE
    end = front_matter_end(lines, whole)
    if end < 0:
        return None
    *parents, name = key.split(".")
    spec = spec_at(schema_of(path), tuple(key.split(".")))
    question = f"  # {spec.description}" if spec is not None and spec.description and not value else ""
    at, indent = end, 0
    first = 0 if whole else 1
    for depth, parent in enumerate(parents):
        found = next(
            (
                i
                for i in range(first, end)
                if (m := KEY.match(lines[i]))
                and m.group("key") == parent
                and len(m.group("indent")) == depth * 2
            ),
            None,
        )
        if found is None:
            return None
        first, at, indent = found + 1, found + 1, (depth + 1) * 2
    if parents:  # after the parent's last line
        while at < end and (not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip()) >= indent):
            at += 1
    return _edit(at, 0, 0, f"{' ' * indent}{name}:{' ' + value if value else ''}{question}\n")


def _accept(lines: list[str], code: str) -> types.TextEdit | None:
    end = front_matter_end(lines)
    if end <= 0:
        return None
    for index in range(1, end):
        match = KEY.match(lines[index])
        if match and match.group("key") == "accept" and not match.group("indent"):
            if lines[index][match.end() :].strip():
                return None  # written inline: {PB202: "..."}; the author edits it by hand
            return _edit(index + 1, 0, 0, f'  {code}: "{REASON}"\n')
    return _edit(end, 0, 0, f'accept:\n  {code}: "{REASON}"\n')
