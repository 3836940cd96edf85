"""``playbook lsp`` navigates as an editor asks it to, through pytest-lsp's client speaking as
Neovim 0.11: go to definition, references (backlinks, from unsaved buffers too), document and
workspace symbols, rename of a slug (applied, then ``check`` passes), and completion of values
that explain each value."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.support.briefs import brief
from tests.support.hostile import BUILD_EPOCH
from tests.support.lsp import closed, opened, serving

ENV = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": ""}
RENEWALS = brief(
    ("related: []", "related: [vendor-risk, missing-one]"),
    (
        "Interviews and notes.",
        "## Interviews\n\nÉmile’s notes → [[vendor-risk|the triage]] and `[[vendor-risk]]` in code.\n\n"
        "### Counsel\n\n```\n# not a heading [[vendor-risk]]\n```\n\nSee [[missing-one]].",
    ),
)
FILES = {
    "content/briefs/renewal-dates.md": RENEWALS,
    "content/briefs/vendor-risk.md": brief(
        ("title: Renewal-date extraction for in-house legal", "title: Vendor risk triage")
    ),
    "content/briefs/pinned.md": brief(
        (
            "title: Renewal-date extraction for in-house legal",
            "title: Contract search\nslug: contract-search",
        ),
        ("related: []", "related:\n  - vendor-risk  # the triage first\n  - renewal-dates"),
    ),
    # Half-written: schema errors, but its link counts and a rename updates it.
    "content/briefs/half.md": "---\ntitle: Half written\nrelated: [vendor-risk]\n---\n",
    "content/about.md": "---\ntitle: About\n---\nStart with [[vendor-risk]].\n",
    "content/evals/renewals.jsonl": '{"passed": true}\n',
    "playbook.yaml": "title: Navigation test\n",
}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("navigation") / "project"
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def lsp(root: Path):
    config = ClientServerConfig(server_command=[sys.executable, "-m", "playbook", "lsp"], server_env=ENV)
    yield from serving(root, config, editor="neovim")


def where(root: Path, location: types.Location) -> tuple[str, int, int, int]:
    """Return a location as (project path, line, start, end), in the client's units."""
    path = Path(unquote(urlparse(location.uri).path)).relative_to(root).as_posix()
    span = location.range
    return path, span.start.line, span.start.character, span.end.character


def units(text: str) -> int:
    """Return the length of ``text`` in the units Neovim and the server agree on: UTF-8 bytes."""
    return len(text.encode("utf-8"))


def at(text: str, fragment: str, offset: int = 0) -> types.Position:
    """Return the position of ``fragment`` (plus ``offset`` characters) in ``text``, in the client's units."""
    lines = text.split("\n")
    line = next(i for i, each in enumerate(lines) if fragment in each)
    return types.Position(line, units(lines[line][: lines[line].index(fragment) + offset]))


def doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(path.as_uri())


def test_definition_goes_to_the_brief_a_link_names(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/renewal-dates.md"
        await opened(client, path, RENEWALS)

        async def go(fragment: str, offset: int):
            found = await client.text_document_definition_async(
                types.DefinitionParams(doc(path), at(RENEWALS, fragment, offset))
            )
            return where(root, found) if isinstance(found, types.Location) else found

        target = ("content/briefs/vendor-risk.md", 1, 0, 5)  # its title
        assert await go("[[vendor-risk|the", 4) == target
        assert await go("[[vendor-risk|the", 0) == target, "on the brackets too"
        assert await go("related: [vendor-risk", 12) == target
        assert await go("`[[vendor-risk]]`", 5) is None, "a link in a code span is no link"
        assert await go("# not a heading [[vendor-risk]]", 20) is None, "nor one in a fenced block"
        assert await go("[[missing-one]]", 4) is None, "a broken link goes nowhere"
        assert await go("Émile", 1) is None
        closed(client, path)
        evaluated = root / "content/briefs/evaluated.md"
        text = brief(("  accuracy: 0.93", "  eval: evals/renewals.jsonl"), ("  samples: 500", None))
        await opened(client, evaluated, text)
        found = await client.text_document_definition_async(
            types.DefinitionParams(doc(evaluated), at(text, "evals/renewals", 3))
        )
        assert where(root, found) == ("content/evals/renewals.jsonl", 0, 0, 0)
        closed(client, evaluated)

    lsp(body)


def test_references_are_the_backlinks_from_every_file_and_unsaved_buffers(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/vendor-risk.md"
        text = FILES["content/briefs/vendor-risk.md"]
        await opened(client, path, text)

        async def backlinks(position: types.Position, declaration: bool) -> set:
            found = await client.text_document_references_async(
                types.ReferenceParams(
                    context=types.ReferenceContext(declaration), text_document=doc(path), position=position
                )
            )
            return {where(root, location) for location in found}

        def slug(path: str, fragment: str, offset: int) -> tuple[str, int, int, int]:
            start = at(FILES[path], fragment, offset)
            return path, start.line, start.character, start.character + len("vendor-risk")

        expected = {
            slug("content/briefs/renewal-dates.md", "related: [vendor-risk", 10),
            # The line is not ASCII, and the file is not open: counted in the client's units.
            slug("content/briefs/renewal-dates.md", "[[vendor-risk|the", 2),
            slug("content/briefs/pinned.md", "  - vendor-risk", 4),
            ("content/briefs/half.md", 2, 10, 21),
            ("content/about.md", 3, 13, 24),
        }
        assert expected != {(p, line, start - 1, end) for p, line, start, end in expected}
        assert await backlinks(at(text, "Interviews and notes", 3), False) == expected
        title = ("content/briefs/vendor-risk.md", 1, 0, 5)
        assert await backlinks(at(text, "title:", 2), True) == expected | {title}
        unsaved = root / "content/briefs/unsaved.md"  # never saved: only the editor has it
        await opened(client, unsaved, "---\ntitle: Unsaved\n---\nCompare [[vendor-risk]].\n")
        assert ("content/briefs/unsaved.md", 3, 10, 21) in await backlinks(at(text, "status:", 1), False)
        from_link = await client.text_document_references_async(  # asked on a link: the linked brief's
            types.ReferenceParams(
                context=types.ReferenceContext(False),
                text_document=doc(unsaved),
                position=types.Position(3, 12),
            )
        )
        assert {where(root, location) for location in from_link} == expected | {
            ("content/briefs/unsaved.md", 3, 10, 21)
        }
        closed(client, unsaved)
        closed(client, path)

    lsp(body)


def test_document_symbols_are_the_fields_and_the_sections(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/renewal-dates.md"
        await opened(client, path, RENEWALS)
        found = await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc(path)))
        names = [symbol.name for symbol in found]
        assert names[:4] == ["title", "status", "owner", "updated"] and names[-2:] == [
            "related",
            "Interviews",
        ]
        sufferer = next(symbol for symbol in found if symbol.name == "sufferer")
        assert [child.name for child in sufferer.children] == ["who", "losing", "evidence"]
        assert (sufferer.range.start.line, sufferer.range.end.line) == (6, 10), "down to its last item"
        interviews = found[-1]
        assert [child.name for child in interviews.children] == ["Counsel"], "a fenced '#' is no heading"
        assert found[0].detail == "Renewal-date extraction for in-house legal"
        closed(client, path)

    lsp(body)


def test_workspace_symbols_are_briefs_by_title(lsp, root: Path):
    async def body(client: LanguageClient):
        async def names(query: str) -> list[str]:
            found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query))
            return [symbol.name for symbol in found]

        assert await names("TRIAGE") == ["Vendor risk triage"]
        assert await names("rnwl xtrct") == ["Renewal-date extraction for in-house legal"], "letters in order"
        everything = await names("")
        assert sorted(everything) == sorted(
            [
                "Contract search",
                "Half written",
                "Renewal-date extraction for in-house legal",
                "Vendor risk triage",
            ]
        ), "briefs only, the half-written one too"
        [symbol] = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="contract search"))
        assert where(root, symbol.location) == ("content/briefs/pinned.md", 1, 0, 5)

    lsp(body)


def apply(root: Path, edit: types.WorkspaceEdit, into: Path) -> None:
    """Apply ``edit`` (made for ``root``) to a copy of the project at ``into``, as an editor would."""
    for change in edit.document_changes:
        if isinstance(change, types.RenameFile):
            old, new = (
                into / Path(unquote(urlparse(u).path)).relative_to(root)
                for u in (change.old_uri, change.new_uri)
            )
            assert not new.exists()
            old.rename(new)
            continue
        target = into / Path(unquote(urlparse(change.text_document.uri).path)).relative_to(root)
        lines = target.read_text(encoding="utf-8").split("\n")
        for text_edit in sorted(
            change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        ):
            span = text_edit.range
            assert span.start.line == span.end.line
            encoded = lines[span.start.line].encode("utf-8")
            head = encoded[: span.start.character].decode("utf-8")
            tail = encoded[span.end.character :].decode("utf-8")
            lines[span.start.line] = head + text_edit.new_text + tail
        target.write_text("\n".join(lines), encoding="utf-8")


def links_broken(project: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "playbook", "check", str(project), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        env=ENV,
    )
    return [d for d in json.loads(done.stdout)["diagnostics"] if d["code"] == "PB006"]


def test_rename_of_a_slug_moves_the_file_and_every_link(lsp, root: Path, tmp_path: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/renewal-dates.md"
        await opened(client, path, RENEWALS)
        position = at(RENEWALS, "[[vendor-risk|the", 5)
        prepared = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(doc(path), position)
        )
        assert prepared.placeholder == "vendor-risk"
        assert (prepared.range.start.character, prepared.range.end.character) == (
            position.character - 3,
            position.character + 8,
        )
        outside = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(doc(path), at(RENEWALS, "Émile", 1))
        )
        assert outside is None
        edit = await client.text_document_rename_async(
            types.RenameParams(doc(path), position, "vendor-review")
        )
        copy = tmp_path / "project"
        shutil.copytree(root, copy)
        apply(root, edit, copy)
        assert not (copy / "content/briefs/vendor-risk.md").exists()
        assert (copy / "content/briefs/vendor-review.md").is_file()
        assert isinstance(edit.document_changes[-1], types.RenameFile), (
            "the edits name the file's old address"
        )
        assert edit.document_changes[-1].options.overwrite is False, "never over a file"
        assert "[[vendor-review|the triage]] and `[[vendor-risk]]` in code" in (
            copy / "content/briefs/renewal-dates.md"
        ).read_text(encoding="utf-8")
        assert "  - vendor-review  # the triage first" in (copy / "content/briefs/pinned.md").read_text(
            encoding="utf-8"
        )
        assert "related: [vendor-review]" in (copy / "content/briefs/half.md").read_text(encoding="utf-8")
        assert "[[vendor-review]]" in (copy / "content/about.md").read_text(encoding="utf-8")
        assert [d["message"] for d in links_broken(copy)] == [
            "related names no brief: 'missing-one'",
            "[[missing-one]] names no brief",
        ], "no link broken by the rename"
        closed(client, path)

    lsp(body)


def test_rename_of_an_explicit_slug_edits_it_and_keeps_the_file(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/pinned.md"
        text = FILES["content/briefs/pinned.md"]
        await opened(client, path, text)
        edit = await client.text_document_rename_async(
            types.RenameParams(doc(path), at(text, "slug: contract", 8), "contract-finder")
        )
        assert not any(isinstance(change, types.RenameFile) for change in edit.document_changes)
        [change] = edit.document_changes
        [slug] = change.edits
        assert (slug.range.start.line, slug.range.start.character, slug.new_text) == (2, 6, "contract-finder")
        assert change.text_document.version == 1, "the open buffer's version, so a stale edit is refused"
        closed(client, path)

    lsp(body)


@pytest.mark.parametrize(
    "new, reason",
    [
        ("Vendor Review", "'Vendor Review' is not a slug: use a slug of lowercase letters"),
        ("vendor--review", "is not a slug"),
        ("con", "is not a slug"),
        ("renewal-dates", "'renewal-dates' is taken: content/briefs/renewal-dates.md has that slug"),
        ("contract-search", "taken: content/briefs/pinned.md has that slug"),
        ("pinned", "'pinned' is taken: content/briefs/pinned.md exists already"),
        ("vendor-risk", "already called 'vendor-risk'"),
    ],
)
def test_rename_refuses_what_is_not_a_free_slug(lsp, root: Path, new: str, reason: str):
    async def body(client: LanguageClient):
        path = root / "content/briefs/vendor-risk.md"
        text = FILES["content/briefs/vendor-risk.md"]
        await opened(client, path, text)
        with pytest.raises(JsonRpcException) as refused:
            await client.text_document_rename_async(types.RenameParams(doc(path), at(text, "title:", 1), new))
        assert reason in refused.value.message and refused.value.code == -32803
        closed(client, path)

    lsp(body)


def test_rename_on_a_broken_link_says_why_not(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/renewal-dates.md"
        await opened(client, path, RENEWALS)
        with pytest.raises(JsonRpcException) as refused:
            await client.text_document_prepare_rename_async(
                types.PrepareRenameParams(doc(path), at(RENEWALS, "[[missing-one]]", 4))
            )
        assert "no brief is called 'missing-one'" in refused.value.message
        closed(client, path)

    lsp(body)


def test_completion_explains_each_value(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/choosing.md"
        text = brief(
            ("  catchability: moderate", "  catchability: "), ("  frequency: weekly", "  frequency: ")
        )
        await opened(client, path, text)

        async def items(fragment: str) -> dict[str, types.CompletionItem]:
            found = await client.text_document_completion_async(
                types.CompletionParams(doc(path), at(text, fragment, len(fragment)))
            )
            return {item.label: item for item in found.items}

        catchability = await items("  catchability: ")
        assert catchability["hard"].detail == "required accuracy +0.05"
        assert "slips through" in catchability["hard"].documentation.value
        assert catchability["easy"].detail == "required accuracy -0.05"
        assert "source next to each answer" in catchability["easy"].documentation.value
        frequency = await items("  frequency: ")
        assert frequency["daily"].detail == "pain weight 1.00"
        assert "a severity of 4 scores 80 of 100" in frequency["daily"].documentation.value
        closed(client, path)
        config = root / "playbook.yaml"  # the project's own tables, and the settings' choices
        settings = "title: T\nranking:\n  catchability: {hard: 0.08}\nrules:\n  PB202: warning\n"
        await opened(client, config, settings)  # unsaved: its tables count at once
        severities = await client.text_document_completion_async(
            types.CompletionParams(doc(config), types.Position(4, 9))
        )
        assert {item.label: item.documentation.value for item in severities.items}["warning"] == (
            "Shown; fails only check --strict."
        )
        await opened(client, path, text)
        assert (await items("  catchability: "))["hard"].detail == "required accuracy +0.08"
        closed(client, path)
        closed(client, config)

    lsp(body)


def test_an_editor_that_cannot_rename_files_is_told_what_to_do(root: Path):
    """Emacs 29's eglot declares no resource operations: renaming a file is refused with the way
    round it, and a brief with a slug: line is renamed all the same (no file moves)."""
    config = ClientServerConfig(server_command=[sys.executable, "-m", "playbook", "lsp"], server_env=ENV)
    with contextmanager(serving)(root, config, editor="emacs") as run:

        async def body(client: LanguageClient):
            path = root / "content/briefs/vendor-risk.md"
            text = FILES["content/briefs/vendor-risk.md"]
            await opened(client, path, text)
            with pytest.raises(JsonRpcException) as refused:
                await client.text_document_rename_async(
                    types.RenameParams(doc(path), at(text, "title:", 1), "vendor-review")
                )
            assert "cannot rename files" in refused.value.message and "slug: line" in refused.value.message
            pinned = root / "content/briefs/pinned.md"
            await opened(client, pinned, FILES["content/briefs/pinned.md"])
            edit = await client.text_document_rename_async(
                types.RenameParams(doc(pinned), at(FILES["content/briefs/pinned.md"], "slug:", 7), "finder")
            )
            assert [type(change).__name__ for change in edit.document_changes] == ["TextDocumentEdit"]

        run(body)


def test_workspace_symbols_before_any_file_is_open(root: Path):
    """Ctrl+T in a freshly opened folder: the project is found from the workspace folder and
    checked the first time it is asked for."""
    config = ClientServerConfig(server_command=[sys.executable, "-m", "playbook", "lsp"], server_env=ENV)
    with contextmanager(serving)(root, config) as run:

        async def body(client: LanguageClient):
            for _ in range(150):
                found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="triage"))
                if found:
                    return [symbol.name for symbol in found]
                await asyncio.sleep(0.1)
            return []

        assert run(body) == ["Vendor risk triage"]


def test_after_a_rename_the_moved_brief_is_found(root: Path, tmp_path: Path):
    """Neovim before 0.9 applies the rename and says only that the open buffer changed: the
    server lists the folders again, so the brief under its new name is found at once."""
    project = tmp_path / "project"
    shutil.copytree(root, project)
    config = ClientServerConfig(server_command=[sys.executable, "-m", "playbook", "lsp"], server_env=ENV)
    with contextmanager(serving)(project, config, editor="neovim") as run:

        async def body(client: LanguageClient):
            path = project / "content/briefs/renewal-dates.md"
            await opened(client, path, RENEWALS)
            link = at(RENEWALS, "[[vendor-risk|the", 4)
            edit = await client.text_document_rename_async(
                types.RenameParams(doc(path), link, "vendor-review")
            )
            apply(project, edit, project)  # as the editor does, on disk and in the buffer
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version=2, uri=path.as_uri()),
                    [types.TextDocumentContentChangeWholeDocument(path.read_text(encoding="utf-8"))],
                )
            )
            for _ in range(100):
                found = await client.text_document_definition_async(types.DefinitionParams(doc(path), link))
                if found is not None:
                    return where(project, found)
                await asyncio.sleep(0.1)

        assert run(body) == ("content/briefs/vendor-review.md", 1, 0, 5)


def test_a_rename_edits_closed_files_as_they_are_on_disk_now(root: Path, tmp_path: Path):
    """A file changed on disk since the last check (a checkout, another editor) is edited where
    its links are now, not where they were."""
    project = tmp_path / "project"
    shutil.copytree(root, project)
    config = ClientServerConfig(server_command=[sys.executable, "-m", "playbook", "lsp"], server_env=ENV)
    with contextmanager(serving)(project, config, editor="neovim") as run:

        async def body(client: LanguageClient):
            path = project / "content/briefs/vendor-risk.md"
            text = FILES["content/briefs/vendor-risk.md"]
            await opened(client, path, text)
            (project / "content/about.md").write_text(
                "---\ntitle: About\n---\nA new first line.\n\nStart with [[vendor-risk]].\n", encoding="utf-8"
            )
            return await client.text_document_rename_async(
                types.RenameParams(doc(path), at(text, "title:", 1), "vendor-review")
            )

        edit = run(body)
        apply(project, edit, project)
        assert (
            (project / "content/about.md")
            .read_text(encoding="utf-8")
            .endswith("A new first line.\n\nStart with [[vendor-review]].\n")
        )
        assert [d["message"] for d in links_broken(project)] == [
            "related names no brief: 'missing-one'",
            "[[missing-one]] names no brief",
        ], "no link broken by the rename"
