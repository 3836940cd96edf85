"""`playbook completion bash|zsh|fish`: the scripts are generated from the parser by shtab, and
each shell completes with its own for real: bash through its completion function, zsh through its
completion system in a pseudo-terminal (zpty), fish through `complete -C`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from playbook.cli.main import COMMANDS, main


def script(tmp_path_factory, shell: str) -> Path:
    if shutil.which(shell) is None:
        pytest.fail(f"{shell} is needed to test {shell} completion: apt-get install {shell}")
    path = tmp_path_factory.mktemp("completion") / f"playbook.{shell}"
    with open(path, "w") as stream:
        assert main(["completion", shell], stdout=stream) == 0
    return path


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    """Return ``complete(*words)``: what bash offers for the last word of a command line."""
    bash = script(tmp_path_factory, "bash")

    def call(*words: str) -> list[str]:
        quoted = " ".join(f"'{w}'" for w in ("playbook", *words))
        program = (
            f"source '{bash}'; COMP_WORDS=({quoted}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); "
            '_shtab_playbook; printf "%s\\n" "${COMPREPLY[@]}"'
        )
        done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=30, check=True)
        return sorted(line.strip() for line in done.stdout.splitlines() if line.strip())

    return call


def test_commands(complete):
    assert set(COMMANDS) <= set(complete("")) and complete("ch") == ["check"]


@pytest.mark.parametrize(
    "words, offered",
    [
        (("check", "--st"), ["--strict"]),
        (("-q", "build", "--dr"), ["--drafts"]),
        (("check", "--format", ""), ["github", "json", "sarif", "text"]),
        (("rank", "--color", "n"), ["never"]),
        (("schema", ""), ["brief", "config", "page"]),
        (("check", "--explain", "PB30"), ["PB301", "PB302", "PB303"]),
        (("serve", "--allow-h"), ["--allow-host"]),
        (("completion", ""), ["bash", "fish", "zsh"]),
    ],
)
def test_bash_completes_options_and_their_values(complete, words, offered):
    assert complete(*words) == offered


def test_bash_completes_folders_for_the_project_argument(complete, tmp_path, monkeypatch):
    (tmp_path / "my-playbook").mkdir()
    (tmp_path / "notes.txt").write_text("")
    monkeypatch.chdir(tmp_path)
    assert complete("check", "my") == ["my-playbook"] and complete("build", "no") == []


ZSH_SESSION = """
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PS1="%% "; autoload -U compinit; compinit -u -D; eval "$(<{script})"; setopt nobeep; \
dump() {{ print -r -- "<$BUFFER>" >> {out}; BUFFER=""; }}; zle -N dump; bindkey "^X" dump'
for line in {lines}; do
  zpty -w -n z "$line"$'\\t'; sleep 0.5; zpty -w -n z $'\\C-x'; sleep 0.3
done
zpty -w -n z $'playbook \\t'; sleep 0.7
listing=""; while zpty -r -t z chunk; do listing+=$chunk; done
print -r -- $listing
zpty -d z
"""


def test_zsh_completes_in_its_completion_system_with_descriptions(tmp_path_factory, tmp_path):
    zsh = script(tmp_path_factory, "zsh")
    out = tmp_path / "buffers"
    lines = ["playbook ch", "playbook check --st", "playbook check --format sa", "playbook serve --allow-h"]
    session = ZSH_SESSION.format(script=zsh, out=out, lines=" ".join(f"'{line}'" for line in lines))
    done = subprocess.run(["zsh", "-f", "-c", session], capture_output=True, text=True, timeout=60)
    assert out.read_text().splitlines() == [
        "<playbook check >",
        "<playbook check --strict >",
        "<playbook check --format sarif >",
        "<playbook serve --allow-host >",
    ], done.stdout + done.stderr
    assert "Check every brief against the criteria." in done.stdout  # commands listed with what they do


def test_fish_completes_with_descriptions(tmp_path_factory):
    fish = script(tmp_path_factory, "fish")

    def complete(line: str) -> list[str]:
        done = subprocess.run(
            ["fish", "--no-config", "-c", f"source {fish}; complete -C {line!r}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return done.stdout.splitlines()

    assert complete("playbook ch") == ["check\tCheck every brief against the criteria."]
    assert complete("playbook check --st") == ["--strict\tfail on warnings as well as errors"]
    assert [c.split("\t")[0] for c in complete("playbook check --explain PB30")] == [
        "PB301",
        "PB302",
        "PB303",
    ]
    assert [c.split("\t")[0] for c in complete("playbook completion ")] == ["bash", "zsh", "fish"]
