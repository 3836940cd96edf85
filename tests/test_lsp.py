"""``playbook lsp`` tested as an editor uses it: pytest-lsp starts the server as a subprocess and
speaks the protocol to it — open, change, diagnostics with their ranges, completion, hover, and
quick fixes whose edits give a brief that ``check`` passes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.support.briefs import brief, line_of
from tests.support.hostile import BUILD_EPOCH
from tests.support.hostile import HOSTILE_FILES as HOSTILE
from tests.support.lsp import opened, published, serving

GAP = ("  accuracy: 0.93", "  accuracy: 0.85")


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("lsp") / "project"
    (project / "content/briefs").mkdir(parents=True)
    (project / "content/briefs/vendor-risk.md").write_text(
        brief(("title: Renewal-date extraction for in-house legal", "title: Vendor risk triage")),
        encoding="utf-8",
    )
    (project / "playbook.yaml").write_text("title: LSP test\n", encoding="utf-8")
    return project


CONFIG = ClientServerConfig(
    server_command=[sys.executable, "-m", "playbook", "lsp"],
    server_env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": ""},
)


@pytest.fixture(scope="module")
def lsp(root: Path):
    """Return ``run(coroutine_function)``: it runs ``coroutine_function(client)`` against one
    server for the module."""
    yield from serving(root, CONFIG)


def check_json(root: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "playbook", "check", str(root), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": ""},
    )
    return json.loads(done.stdout)["diagnostics"]


def test_diagnostics_are_checks_at_the_same_places(lsp, root: Path):
    async def body(client: LanguageClient):
        text = brief(
            ("  catchability: moderate", "  catchability: hardd"), ("status: exploring", "status: 🙂idea")
        )
        path = root / "content/briefs/typed.md"
        found = await opened(client, path, text)
        by_code = {(d.code, d.range.start.line) for d in found}
        assert ("PB002", line_of(text, "catchability:") - 1) in by_code and (
            "PB002",
            line_of(text, "status:") - 1,
        ) in by_code
        [enum] = [d for d in found if d.range.start.line == line_of(text, "catchability:") - 1]
        assert (enum.range.start.character, enum.range.end.character) == (16, 21)
        assert enum.severity == types.DiagnosticSeverity.Error and enum.source == "playbook schema"
        assert enum.related_information[0].message == "fix: did you mean 'hard'?"
        [status] = [d for d in found if d.range.start.line == line_of(text, "status:") - 1]
        assert (status.range.start.character, status.range.end.character) == (
            8,
            8 + len("🙂idea".encode("utf-16-le")) // 2,
        )
        path.write_text(
            text, encoding="utf-8"
        )  # the same text on disk: check says the same at the same places
        try:
            expected = {
                (d["code"], d["line"] - 1, d["column"] - 1, d["message"])
                for d in check_json(root)
                if d["path"].endswith("typed.md")
            }
            assert {
                (
                    d.code,
                    d.range.start.line,
                    d.range.start.character if d.range.start.line != status.range.start.line else 8,
                    d.message,
                )
                for d in found
            } == expected
        finally:
            path.unlink()
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
            )

    lsp(body)


def test_typing_updates_the_diagnostics_and_cross_file_ones_too(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/links.md"
        text = brief(("related: []", "related: [vendor-risc]"))
        found = await opened(client, path, text)
        [broken] = [d for d in found if d.code == "PB006"]
        assert "did you mean 'vendor-risk'?" in broken.related_information[0].message
        client.diagnostics.pop(path.as_uri())
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=2, uri=path.as_uri()),
                [
                    types.TextDocumentContentChangeWholeDocument(
                        brief(("related: []", "related: [vendor-risk]"))
                    )
                ],
            )
        )
        assert [d.code for d in await published(client, path.as_uri())] == []
        twin = root / "content/briefs/zz-twin.md"  # unsaved, with the slug of the brief on disk
        clash = await opened(
            client,
            twin,
            brief(("title: Renewal-date extraction for in-house legal", "title: Twin\nslug: vendor-risk")),
        )
        assert [d.code for d in clash] == ["PB005"]
        for done in (path, twin):
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(done.as_uri()))
            )

    lsp(body)


def test_completion_of_keys_values_and_slugs(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/complete.md"
        text = brief(
            ("  catchability: moderate", "  catchability: "),
            ("related: []", "related: [v"),
            ("  emotional_state: calm", "  emotional_state: calm\n  "),
            ("Interviews and notes.", "See [[ven"),
        )
        await opened(client, path, text)
        lines = text.split("\n")

        async def labels(fragment: str, after: str) -> list[str]:
            line = next(i for i, text in enumerate(lines) if fragment in text)
            character = lines[line].index(fragment) + len(fragment) if after == "end" else len(lines[line])
            result = await client.text_document_completion_async(
                types.CompletionParams(
                    types.TextDocumentIdentifier(path.as_uri()), types.Position(line, character)
                )
            )
            return [item.label for item in result.items]

        assert await labels("  catchability: ", "end") == ["easy", "moderate", "hard"]
        assert await labels("related: [v", "end") == ["vendor-risk"]
        assert await labels("See [[ven", "end") == ["vendor-risk"]
        keys = await labels(
            "  emotional_state: calm", "line"
        )  # on the line below: the keys still missing there
        line = lines.index("  emotional_state: calm") + 1
        result = await client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 2))
        )
        keys = [item.label for item in result.items]
        assert keys == ["required_accuracy"], "keys already written are not offered again"
        assert "Overrides the accuracy" in result.items[0].documentation.value
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )

    lsp(body)


def test_hover_shows_the_question_the_numbers_and_the_rule(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/hovered.md"
        text = brief(GAP, ("related: []", 'related: []\naccept: {PB303: "a long one"}'))
        await opened(client, path, text)
        line = line_of(text, "accuracy:") - 1
        shown = await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 4))
        )
        value = shown.contents.value
        assert (
            "This workflow needs **0.90**" in value
            and "the model has **0.85** on 500 cases (95%: 0.82–0.88)" in value
        )
        assert "fit **-0.05**: model gap" in value and "Ready today if" in value
        assert (shown.range.start.character, shown.range.end.character) == (2, 10)
        line = line_of(text, "accept:") - 1
        rule = await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 10))
        )
        assert rule.contents.value.startswith("**PB303 long-workflow** (info by default)")
        line = line_of(text, "  who:") - 1
        question = await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 3))
        )
        assert "not who would use it" in question.contents.value
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )

    lsp(body)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Return ``text`` with ``edits`` applied (positions in UTF-16 units, as the protocol's default)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = edit.range.start, edit.range.end

        def offset(line: int, units: int) -> int:
            encoded = lines[line].encode("utf-16-le")[: units * 2] if line < len(lines) else b""
            return sum(len(text) + 1 for text in lines[:line]) + len(encoded.decode("utf-16-le"))

        joined = "\n".join(lines)
        joined = (
            joined[: offset(start.line, start.character)]
            + edit.new_text
            + joined[offset(end.line, end.character) :]
        )
        lines = joined.split("\n")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "change, title",
    [
        (("  catchability: moderate", "  catchability: easyy"), "Change to 'easy'"),
        (("  catchability: moderate", "  catchabilty: moderate"), "Change to 'catchability'"),
        (("related: []", "related: [vendor-risc]"), "Change to 'vendor-risk'"),
        (("Interviews and notes.", "See [[vendr-risk]]."), "Change to 'vendor-risk'"),
        (("  who: In-house counsel at mid-size SaaS companies", None), "Add sufferer.who"),
        (GAP, "Accept PB202 model-gap, with a reason"),
    ],
)
def test_a_quick_fix_gives_a_brief_that_check_passes(lsp, root: Path, change, title):
    async def body(client: LanguageClient):
        path = (
            root / f"content/briefs/fixed-{abs(hash(change)) % 10**8}.md"
        )  # a name of its own: no stale publish is mistaken for its own
        text = brief(change)
        found = await opened(client, path, text)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(path.as_uri()), found[0].range, types.CodeActionContext(found)
            )
        )
        [action] = [a for a in actions if a.title == title]
        fixed = apply(text, action.edit.changes[path.as_uri()])
        if title.startswith("Add "):
            assert "  who:  # The people losing the most today" in fixed
            fixed = fixed.replace("  who:  #", "  who: Counsel at SaaS firms #")
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )
        path.write_text(fixed, encoding="utf-8")
        try:
            remaining = [
                d
                for d in check_json(root)
                if d["path"].endswith(path.name) and d["severity"] in ("error", "warning")
            ]
            assert remaining == [], fixed
        finally:
            path.unlink()

    lsp(body)


def test_a_misspelt_required_key_is_one_diagnostic_whose_quick_fix_renames_it(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/misspelt.md"
        text = brief(("  frequency: weekly", "  frequncy: weekly"))
        [found] = await opened(client, path, text)
        assert found.code == "PB002" and found.range.start == types.Position(line_of(text, "frequncy") - 1, 2)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(path.as_uri()), found.range, types.CodeActionContext([found])
            )
        )
        [rename] = [a for a in actions if a.title == "Change to 'frequency'"]
        assert "  frequency: weekly" in apply(text, rename.edit.changes[path.as_uri()]).split("\n")
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )

    lsp(body)


def test_a_drafts_findings_are_shown_and_marked_as_a_drafts(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/half-written.md"
        found = await opened(client, path, brief(("related: []", "related: []\ndraft: true"), (GAP[0], None)))
        [gap] = [d for d in found if d.code == "PB002"]
        assert gap.severity == types.DiagnosticSeverity.Error and gap.data["draft"] is True
        assert gap.message.endswith("(draft: fails no check or build until published)")
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )

    lsp(body)


def test_playbook_yaml_is_checked_as_you_type(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "playbook.yaml"
        found = await opened(client, path, "title: LSP test\nranking:\n  fit_on: lowerbound\n")
        [d] = found
        assert (d.code, d.range.start.line, d.range.start.character) == ("PB002", 2, 10)
        assert "lower_bound" in d.related_information[0].message
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )

    lsp(body)


def test_no_buffer_crashes_the_server(lsp, root: Path):
    async def body(client: LanguageClient):
        path = root / "content/briefs/hostile.md"
        for number, (name, (data, _)) in enumerate(HOSTILE.items()):
            text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            uri = path.with_name(f"hostile-{number}.md").as_uri()
            client.diagnostics.pop(uri, None)
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
            )
            for line in (0, 1, 5):
                position = types.Position(line, 3)
                await client.text_document_completion_async(
                    types.CompletionParams(types.TextDocumentIdentifier(uri), position)
                )
                await client.text_document_hover_async(
                    types.HoverParams(types.TextDocumentIdentifier(uri), position)
                )
            assert await published(client, uri) is not None, name
            client.text_document_did_close(
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
            )
        assert client.error is None

    lsp(body)


def test_without_the_extra_it_says_what_to_install(tmp_path):
    code = (
        "import sys; sys.modules['pygls'] = None; from playbook.cli.main import main; sys.exit(main(['lsp']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2 and "pip install 'opportunity-playbook[lsp]'" in done.stderr


def test_pb204_quick_fix_adds_the_samples_measured_on_states(lsp, root: Path):
    launch = "  measured_on: 120 real launch briefs, drafts rated usable by the marketers"
    text = brief(
        ("  samples: 500", None), ("  measured_on: 500 real vendor contracts, hand-labelled", launch)
    )

    async def body(client: LanguageClient):
        path = root / "content/briefs/unsized.md"
        found = [d for d in await opened(client, path, text) if d.code == "PB204"]
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(path.as_uri()), found[0].range, types.CodeActionContext(found)
            )
        )
        [action] = [a for a in actions if a.title == "Add samples: 120"]
        fixed = apply(text, action.edit.changes[path.as_uri()])
        assert "model:\n  accuracy: 0.93\n  measured_on:" in text and "\n  samples: 120\n" in fixed
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )
        path.write_text(fixed, encoding="utf-8")
        try:
            assert [
                d for d in check_json(root) if d["path"].endswith(path.name) and d["code"] == "PB204"
            ] == []
        finally:
            path.unlink()

    lsp(body)


def test_hover_gives_the_slices(lsp, root: Path):
    rows = [("nda", 194, 200), ("dpa", 208, 212), ("msa", 113, 188)]
    cases = "".join(
        json.dumps({"doc_type": name, "correct": i < passed}) + "\n"
        for name, passed, graded in rows
        for i in range(graded)
    )
    evals = root / "content/evals"
    evals.mkdir(exist_ok=True)
    (evals / "sliced.jsonl").write_text(cases, encoding="utf-8")
    text = brief(
        ("  accuracy: 0.93", "  eval: evals/sliced.jsonl\n  eval_slice: doc_type"), ("  samples: 500", None)
    )

    async def body(client: LanguageClient):
        path = root / "content/briefs/sliced.md"
        found = await opened(client, path, text)
        assert "PB205" in {d.code for d in found}
        line = line_of(text, "eval_slice:") - 1
        shown = await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(line, 4))
        )
        assert (
            "By doc_type: 'dpa' 0.98 on 212 cases (95%: 0.95–0.99), proven ready; "
            "'msa' 0.60 on 188 cases (95%: 0.53–0.67), gap; "
            "'nda' 0.97 on 200 cases (95%: 0.94–0.99), proven ready."
        ) in shown.contents.value
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri()))
        )

    try:
        lsp(body)
    finally:
        (evals / "sliced.jsonl").unlink()
