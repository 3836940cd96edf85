"""Shell completion for bash (and zsh through bashcompinit), generated from the argument parser
itself, so it can never fall behind the commands and options it completes."""

from __future__ import annotations

import argparse
import shlex


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        o
        for a in parser._actions
        for o in a.option_strings
        if o.startswith("--") or len(a.option_strings) == 1
    ]


def render_bash(
    parser: argparse.ArgumentParser, program: str = "playbook", values: dict[str, list[str]] | None = None
) -> str:
    """Return a bash script defining completion for ``program``: commands, options, choices, folders.
    ``values`` gives the words an option without fixed choices is completed with."""
    commands = _subcommands(parser)
    value_cases, option_cases, positional_cases = [], [], []
    for name, sub in commands.items():
        for action in sub._actions:
            if not action.option_strings and action.choices:
                positional_cases.append(f"    {name}) words={shlex.quote(' '.join(action.choices))} ;;")
            if not action.option_strings or action.nargs == 0:
                continue
            for option in action.option_strings:
                words = " ".join(action.choices or (values or {}).get(option, ()))
                completion = (
                    f'COMPREPLY=($(compgen -W {shlex.quote(words)} -- "$cur"))'
                    if words
                    else (
                        'COMPREPLY=($(compgen -d -- "$cur"))'
                        if option in ("-o", "--output")
                        else "COMPREPLY=()"
                    )
                )
                value_cases.append(f'    "{name} {option}") {completion}; return ;;')
        option_cases.append(f"    {name}) opts={shlex.quote(' '.join(_options(sub)))} ;;")
    top = " ".join([*commands, *_options(parser)])
    return "\n".join(
        [
            f"# {program} completion for bash; in zsh, run 'autoload -U bashcompinit && bashcompinit' first.",
            f"_{program}() {{",
            '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" '
            'cmd="" word opts="" words=""',
            '  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do',
            '    case "$word" in -*) ;; *) cmd="$word"; break ;; esac',
            "  done",
            '  if [ -z "$cmd" ]; then',
            f'    COMPREPLY=($(compgen -W {shlex.quote(top)} -- "$cur")); return',
            "  fi",
            '  case "$cmd $prev" in',
            *value_cases,
            "  esac",
            '  case "$cmd" in',
            *option_cases,
            "  esac",
            '  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi',
            '  case "$cmd" in',
            *positional_cases,
            "  esac",
            '  if [ -n "$words" ]; then COMPREPLY=($(compgen -W "$words" -- "$cur")); '
            'else COMPREPLY=($(compgen -d -- "$cur")); fi',
            "}",
            f"complete -F _{program} {program}",
            "",
        ]
    )
