"""Compiled templates kept between runs (site/render/compiled.py; SECURITY.md 3b): a build does not
compile its theme again, and a compiled template is believed only from the user's own cache
folder, signed with the user's key, never from anywhere a pull request can write."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import pickle
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from playbook.load.signed import key_path, signing_key
from tests.support.briefs import brief


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """Count the templates Jinja compiles from their source, in this process."""
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_a_second_build_compiles_no_template(make_project, run, compiles, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))  # no template compiled yet
    root = make_project({"a": brief(), "b": brief(("  accuracy: 0.93", "  accuracy: 0.5"))})
    assert run("build", str(root))[0] == 0
    first = root / "site"
    assert compiles, "the first build compiles its templates"
    compiles.clear()
    assert run("build", str(root), "-o", str(tmp_path / "again"))[0] == 0
    assert compiles == []
    assert _files(first) == _files(tmp_path / "again")


def test_no_cache_keeps_no_compiled_template(make_project, run, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh"))
    root = make_project({"a": brief()})
    assert run("build", str(root), "--no-cache")[0] == 0
    assert not (tmp_path / "fresh" / "playbook" / "templates").exists()
    assert run("build", str(root))[0] == 0
    assert list((tmp_path / "fresh" / "playbook" / "templates").glob("*.jinja"))


def test_an_edited_template_is_compiled_again(make_project, run, compiles, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    root = make_project({"a": brief()}, config="theme: own\n")
    templates = root / "themes" / "own" / "templates"
    templates.mkdir(parents=True)
    (templates / "brief.html").write_text(
        '{% extends "default/brief.html" %}{% block content %}FIRST{{ super() }}{% endblock %}'
    )
    assert run("build", str(root))[0] == 0
    (templates / "brief.html").write_text(
        '{% extends "default/brief.html" %}{% block content %}SECOND{{ super() }}{% endblock %}'
    )
    compiles.clear()
    assert run("build", str(root))[0] == 0
    assert compiles == ["brief.html"]
    assert "SECOND" in (root / "site" / "briefs" / "a" / "index.html").read_text()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _plant(folder: Path, key: bytes, marker: Path) -> int:
    """Replace every compiled template in ``folder`` by code that creates ``marker``, valid for
    Jinja (its magic and the template's checksum), signed with ``key``; return how many."""
    code = compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec")
    planted = 0
    for path in folder.glob("*.jinja"):
        stored = path.read_bytes()[32:]
        checksum = pickle.loads(stored[len(bc_magic) :])  # pickle stops at its end
        payload = bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code)
        path.write_bytes(hmac.new(key, payload, hashlib.sha256).digest() + payload)
        planted += 1
    return planted


def test_the_planted_code_would_run_if_it_were_believed(make_project, run, monkeypatch, tmp_path):
    """The control for the tests below: signed with the user's own key, in the user's own folder,
    the planted file is what Jinja runs — so their planted files are ones Jinja would run."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))  # planted code stays in this test
    root = make_project({"a": brief()})
    assert run("build", str(root))[0] == 0
    marker = tmp_path / "compiled code ran"
    assert _plant(key_path().parent / "templates", signing_key(), marker)
    run("build", str(root), "-o", str(tmp_path / "out"))
    assert marker.exists()


@pytest.mark.parametrize("signature", ["none", "a key planted in the project"])
def test_a_compiled_template_not_signed_with_the_users_key_never_runs(make_project, run, tmp_path, signature):
    root = make_project({"a": brief()})
    assert run("build", str(root))[0] == 0
    expected = _files(root / "site")
    marker = tmp_path / "compiled code ran"
    key = b"" if signature == "none" else b"planted by a pull request, 32 b"
    (root / ".playbook-cache").mkdir(exist_ok=True)
    (root / ".playbook-cache" / "cache-key").write_bytes(key)
    assert _plant(key_path().parent / "templates", key, marker)
    code, out, err = run("build", str(root))
    assert code == 0 and not marker.exists() and "Traceback" not in err
    assert _files(root / "site") == expected


@pytest.mark.parametrize("where", [".cache", "content", ".playbook-cache"])
def test_compiled_templates_are_never_read_from_the_checkout(make_project, run, monkeypatch, tmp_path, where):
    """With the cache folder in the checkout (XDG_CACHE_HOME pointing in), a compiled template
    signed with the key found there never runs, and none is written there."""
    root = make_project({"a": brief()})
    folder = root / where
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    key = b"planted by a pull request, 32 b"
    (folder / "playbook").mkdir(parents=True, exist_ok=True)
    (folder / "playbook" / "cache-key").write_bytes(key)
    marker = tmp_path / "compiled code ran"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))  # a real cache, to copy from
    assert run("build", str(root), "-o", str(tmp_path / "first"))[0] == 0
    (folder / "playbook" / "templates").mkdir()
    for path in (tmp_path / "elsewhere" / "playbook" / "templates").glob("*.jinja"):
        (folder / "playbook" / "templates" / path.name).write_bytes(path.read_bytes())
    assert _plant(folder / "playbook" / "templates", key, marker)
    planted = _files(folder / "playbook" / "templates")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    code, out, err = run("build", str(root), "-o", str(tmp_path / "second"))
    assert code == 0 and not marker.exists() and "Traceback" not in err
    assert _files(folder / "playbook" / "templates") == planted  # nothing written there either
