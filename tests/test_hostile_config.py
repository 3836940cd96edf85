"""A hostile playbook.yaml: every problem is a usage error (exit 2) with its position, before
anything is read or written; nothing crashes."""

from __future__ import annotations

import codecs

import pytest

from tests.support.briefs import brief
from tests.support.hostile import cli, deadline


def bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [{', '.join(['*' + p] * 10)}]" for p, n in zip("abcde", "bcdef")]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "config, where",
    [
        (bomb(), "playbook.yaml:5:"),
        ("title: " + "[" * 100 + "\n", "playbook.yaml:1:31:"),
        ("title: a\ntitle: b\n", "playbook.yaml:2:1: error PB004"),
        ('title: "\\e[2J"\n', "playbook.yaml:1:8: error PB002"),
        ("language: 'en\"><script>alert(1)</script>'\n", "playbook.yaml:1:11: error PB002"),
        ("language: en us\n", "playbook.yaml:1:11: error PB002"),
        ("base_url: javascript:alert(1)//\n", "playbook.yaml:1:11: error PB002"),
        ('base_url: "https://x.example/\\"onload=alert(1)"\n', "playbook.yaml:1:11: error PB002"),
        ("theme: ../../etc\n", "playbook.yaml:1:8: error PB002"),
        ("theme: /tmp\n", "playbook.yaml:1:8: error PB002"),
        ("rules: {PB001: off}\n", "playbook.yaml:1:16: error PB002"),
        ("ranking: {accuracy_floor: .nan}\n", "playbook.yaml:1:27: error PB002"),
        ("markdown: {allow_html: yes}\n", "playbook.yaml:1:24: error PB002"),
        ("- a list\n", "playbook.yaml:1:1: error PB001"),
        ("title: caf\xe9\n".encode("latin-1"), "playbook.yaml:1:11: error PB001"),
        ("title: x\n".encode("utf-16"), "playbook.yaml:1:1: error PB001"),
        (codecs.BOM_UTF8 + b"title: x\r\ntitle: y\r\n", "playbook.yaml:2:1: error PB004"),
        (b"title: x\n" + b"# padding\n" * 110_000, "playbook.yaml:1:1: error PB001"),
    ],
)
def test_a_hostile_config_is_a_usage_error_at_its_place(make_project, config, where):
    root = make_project({"a": brief()})
    (root / "playbook.yaml").write_bytes(config if isinstance(config, bytes) else config.encode("utf-8"))
    for command in ("check", "build"):
        with deadline(10):
            code, out, err = cli(command, str(root))
        assert code == 2 and "Traceback" not in err, err
        assert where in err and "the configuration is invalid" in err
    assert not (root / "site").exists()


@pytest.mark.parametrize("language", ["en", "de-CH", "zh-Hant-TW", "es-419", "x-klingon"])
def test_language_tags_are_accepted(make_project, language):
    root = make_project({"a": brief()}, config=f"language: {language}\n")
    assert cli("build", str(root))[0] == 0
    assert f'<html lang="{language}">' in (root / "site/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link"])
def test_a_config_that_is_not_a_file_is_a_usage_error(make_project, kind):
    import os

    root = make_project({"a": brief()})
    config = root / "playbook.yaml"
    {
        "folder": config.mkdir,
        "fifo": lambda: os.mkfifo(config),
        "dangling link": lambda: os.symlink(root / "nowhere.yaml", config),
    }[kind]()
    with deadline(10):
        code, out, err = cli("check", str(root))
    assert code == 2 and "playbook.yaml:1:1: error PB001" in err and "is not a regular file" in err
