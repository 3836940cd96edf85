"""Commands work from anywhere inside a project: the project is found by walking up to
playbook.yaml or content/briefs/, said when it is not the current folder, never a parent that is
not a project, never beyond the home folder; an explicit DIR still wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.layout import find_project
from tests.support.briefs import brief


@pytest.fixture
def project(make_project) -> Path:
    return make_project({"a": brief()})


def test_check_inside_content_briefs_finds_the_project_and_says_so(project, run, monkeypatch):
    monkeypatch.chdir(project)
    expected = run("check")
    monkeypatch.chdir(project / "content" / "briefs")
    code, out, err = run("check")
    assert (code, out) == expected[:2] and code == 0 and "1 brief checked" in out
    assert err.strip() == f"playbook: using the project in {project}"
    assert expected[2] == ""  # in the project's own folder nothing needs saying


def test_new_and_rank_from_a_subfolder_work_on_the_project(project, run, monkeypatch):
    (project / "content" / "notes").mkdir()
    monkeypatch.chdir(project / "content" / "notes")
    code, out, _ = run("new", "Invoice coding for the Lisbon office", "-q")
    assert (
        code == 0 and Path(out.strip()) == project / "content/briefs/invoice-coding-for-the-lisbon-office.md"
    )
    code, out, err = run("rank", "-q")
    # the new brief is a draft: its findings are shown but do not fail the run
    assert code == 0 and "Renewal-date extraction" in out and "using the project" not in err


def test_an_explicit_dir_wins(project, make_project, run, monkeypatch):
    other = make_project({"b": brief(), "c": brief()})
    monkeypatch.chdir(project / "content" / "briefs")
    code, out, err = run("check", str(other))
    assert code == 0 and "2 briefs checked" in out and "using the project" not in err


def test_a_parent_with_only_a_content_folder_is_not_a_project(tmp_path, run, monkeypatch):
    (tmp_path / "content").mkdir()  # a website's content/, say: no briefs, no playbook.yaml
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs" / "deep")
    code, out, err = run("check")
    assert code == 2 and out == ""
    assert "not a playbook project, nor inside one" in err and "playbook init" in err
    assert find_project(tmp_path / "docs" / "deep") is None
    assert find_project(tmp_path) == tmp_path  # the current folder itself counts as before


def test_the_walk_stops_at_the_home_folder(tmp_path, run, monkeypatch):
    (tmp_path / "playbook.yaml").write_text("title: Not mine\n")
    home = tmp_path / "home" / "you"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home / "work")
    code, _, err = run("check")
    assert code == 2 and "nor inside one" in err
    assert find_project(home / "work", home) is None and find_project(home / "work") == tmp_path


def test_a_project_at_the_home_folder_itself_is_found(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "content" / "briefs").mkdir(parents=True)
    (home / "deep" / "er").mkdir(parents=True)
    assert find_project(home / "deep" / "er", home) == home
