"""The project's static/ folder: its files land at the site's root as they are (CNAME,
.nojekyll, robots.txt, a favicon), in build and in serve; links and editor temporaries are left
out; a static file never replaces one the site makes; a file put into site/ by hand is refused
with the way to static/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook.load.static import static_files
from playbook.serve.server import DevSite, respond
from playbook.serve.watch import is_relevant
from tests.support.briefs import brief

FAVICON = bytes(range(256)) * 4  # binary: copied byte for byte


@pytest.fixture
def project(make_project) -> Path:
    root = make_project({"a": brief()})
    static = root / "static"
    (static / ".well-known").mkdir(parents=True)
    (static / "CNAME").write_text("playbook.example.com\n")
    (static / ".nojekyll").write_bytes(b"")
    (static / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (static / "favicon.ico").write_bytes(FAVICON)
    (static / ".well-known/security.txt").write_text("Contact: mailto:security@example.com\n")
    (static / "robots.txt~").write_text("an editor's backup")
    (static / ".CNAME.swp").write_text("vim's swap")
    secret = root.parent / "secret.txt"
    secret.write_text("not for the site")
    os.symlink(secret, static / "leak.txt")
    return root


def test_build_copies_static_files_to_the_site_root_as_they_are(project, run):
    code, _, err = run("build", str(project), "-q")
    assert code == 0, err
    site = project / "site"
    assert (site / "CNAME").read_text() == "playbook.example.com\n" and (site / ".nojekyll").is_file()
    assert (site / "favicon.ico").read_bytes() == FAVICON
    assert (site / ".well-known/security.txt").read_text().startswith("Contact:")
    assert not (site / "leak.txt").exists() and not (site / "robots.txt~").exists()
    assert not (site / ".CNAME.swp").exists()
    (project / "static/robots.txt").unlink()
    code, _, err = run("build", str(project), "-q")  # the next build accepts its own static files
    assert code == 0 and not (site / "robots.txt").exists() and (site / "CNAME").is_file(), err


def test_a_static_file_never_replaces_one_the_site_makes(project, run):
    assert run("build", str(project), "-q")[0] == 0
    (project / "static/index.html").write_text("<p>mine</p>")
    (project / "static/assets").mkdir()
    (project / "static/assets/style.css").write_text("body{}")
    code, _, err = run("build", str(project), "-q")
    assert code == 1 and "static/index.html would replace the site's own index.html" in err
    assert "static/assets/style.css would replace" in err
    assert b"<p>mine</p>" != (project / "site/index.html").read_bytes()


def test_a_file_put_into_site_by_hand_is_refused_with_the_way_to_static(project, run):
    assert run("build", str(project), "-q")[0] == 0
    (project / "site/_redirects").write_text("/old /new\n")
    code, _, err = run("build", str(project), "-q")
    assert code == 2 and "_redirects" in err and "static/ folder" in err


def test_serve_answers_static_files_and_sees_a_new_one(project):
    site = DevSite(project)
    assert site.rebuild().errors == ()
    assert respond(site, "GET", "/CNAME", "localhost").body == b"playbook.example.com\n"
    assert respond(site, "GET", "/favicon.ico", "localhost").body == FAVICON
    assert respond(site, "GET", "/leak.txt", "localhost").status == 404
    assert is_relevant(project, str(project / "static/humans.txt"))
    (project / "static/humans.txt").write_text("Made by the team\n")
    site.rebuild({"static/humans.txt"})
    assert respond(site, "GET", "/humans.txt", "localhost").body == b"Made by the team\n"


def test_no_static_folder_means_no_static_files(make_project):
    assert static_files(make_project({"a": brief()})) == {}
