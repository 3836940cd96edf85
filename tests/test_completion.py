"""`playbook completion bash`: the script is generated from the parser, and bash completes with it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from playbook.cli.main import COMMANDS


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    """Return ``complete(*words)``: what bash offers for the last word of a command line."""
    from playbook.cli.main import main

    script = tmp_path_factory.mktemp("completion") / "playbook.bash"
    with open(script, "w") as stream:
        assert main(["completion", "bash"], stdout=stream) == 0
    if shutil.which("bash") is None:
        pytest.fail("bash is needed to test bash completion")

    def call(*words: str) -> list[str]:
        quoted = " ".join(f"'{w}'" for w in ("playbook", *words))
        program = (
            f"source '{script}'; COMP_WORDS=({quoted}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); "
            '_playbook; printf "%s\\n" "${COMPREPLY[@]}"'
        )
        done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=30, check=True)
        return [line for line in done.stdout.splitlines() if line]

    return call


def test_commands_and_top_level_options(complete):
    assert complete("") == [*COMMANDS, "--help", "--version", "--quiet", "--verbose"]
    assert complete("ch") == ["check"]


@pytest.mark.parametrize(
    "words, offered",
    [
        (("check", "--st"), ["--strict"]),
        (("-q", "build", "--dr"), ["--drafts"]),
        (("check", "--format", ""), ["text", "json", "github"]),
        (("rank", "--color", "n"), ["never"]),
        (("schema", ""), ["brief", "page", "config"]),
        (("check", "--explain", "PB30"), ["PB301", "PB302", "PB303"]),
        (("serve", "--port", ""), []),
    ],
)
def test_options_and_their_values(complete, words, offered):
    assert complete(*words) == offered


def test_folders_for_the_project_argument(complete, tmp_path, monkeypatch):
    (tmp_path / "my-playbook").mkdir()
    (tmp_path / "notes.txt").write_text("")
    monkeypatch.chdir(tmp_path)
    assert complete("check", "my") == ["my-playbook"] and complete("build", "no") == []


def test_zsh_gets_the_same_script_after_bashcompinit(run):
    code, out, _ = run("completion", "zsh")
    assert code == 0 and out.startswith("autoload -U +X bashcompinit && bashcompinit\n")
    assert out.split("\n", 1)[1] == run("completion", "bash")[1]
