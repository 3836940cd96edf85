"""A real git repository with a scripted history, for the history tests and screenshots: briefs
added, an accuracy edited so a brief crosses into ready, a rename, a deletion, a broken commit, a
status change and a tag — each commit on a fixed date."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.briefs import brief

GAP = ("  accuracy: 0.93", "  accuracy: 0.85")


def titled(title: str, *changes) -> str:
    return brief(("title: Renewal-date extraction for in-house legal", f"title: {title}"), *changes)


def git(root: Path, *args: str, date: str = "2026-06-01T10:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Dana",
        "GIT_AUTHOR_EMAIL": "dana@example.com",
        "GIT_COMMITTER_NAME": "Dana",
        "GIT_COMMITTER_EMAIL": "dana@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env
    ).stdout


def commit(root: Path, files: dict[str, str | None], message: str, date: str) -> None:
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(root, "add", "-A", date=date)
    git(root, "commit", "-q", "-m", message, date=date)


BRIEFS = "content/briefs"


def scripted_history(root: Path) -> Path:
    """Write the project and its history at ``root``; return it."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    commit(
        root,
        {
            "playbook.yaml": "title: Team playbook\n",
            f"{BRIEFS}/alpha.md": titled("Alpha triage"),
            f"{BRIEFS}/bravo.md": titled("Bravo extraction", GAP),
            f"{BRIEFS}/charlie.md": titled("Charlie drafting", ("  severity: 4", "  severity: 2")),
        },
        "Three briefs",
        "2026-06-01T10:00:00+00:00",
    )
    git(root, "tag", "review-june", date="2026-06-01T10:00:00+00:00")
    commit(
        root,
        {f"{BRIEFS}/bravo.md": titled("Bravo extraction", ("  accuracy: 0.93", "  accuracy: 0.91"))},
        "Bravo: the new model measures 0.91",
        "2026-07-01T10:00:00+00:00",
    )
    git(root, "mv", f"{BRIEFS}/charlie.md", f"{BRIEFS}/charlie-drafts.md", date="2026-07-15T10:00:00+00:00")
    git(root, "commit", "-q", "-m", "Rename charlie", date="2026-07-15T10:00:00+00:00")
    commit(root, {f"{BRIEFS}/alpha.md": None}, "Alpha is gone", "2026-08-01T10:00:00+00:00")
    commit(
        root,
        {f"{BRIEFS}/bravo.md": "---\ntitle: [broken\n---\n"},
        "A broken save",
        "2026-08-15T10:00:00+00:00",
    )
    commit(
        root,
        {
            f"{BRIEFS}/bravo.md": titled("Bravo extraction", ("  accuracy: 0.93", "  accuracy: 0.92")),
            f"{BRIEFS}/delta.md": titled("Delta routing", ("  severity: 4", "  severity: 5")),
            f"{BRIEFS}/charlie-drafts.md": titled(
                "Charlie drafting",
                ("  severity: 4", "  severity: 2"),
                ("status: exploring", "status: building"),
            ),
        },
        "Fix bravo, add delta, charlie is being built",
        "2026-09-01T10:00:00+00:00",
    )
    return root


def example_with_history(root: Path, content: Path) -> Path:
    """The example playbook at ``root`` as the last commit of a quarter's history (tag
    ``review-q3``): a brief that crosses into ready, one that falls into the gap, a new brief and
    two status changes — so the validators and axe see the Changes page and the timelines."""
    briefs = root / BRIEFS
    root.mkdir(parents=True)
    subprocess.run(["cp", "-r", str(content), str(root / "content")], check=True)
    git(root, "init", "-q", "-b", "main")
    final = {
        name: (briefs / name).read_text(encoding="utf-8")
        for name in (
            "ci-failure-triage.md",
            "claims-fnol-intake.md",
            "invoice-gl-coding.md",
            "launch-email-drafts.md",
        )
    }

    def edited(name: str, *changes: tuple[str, str]) -> str:
        text = final[name]
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        return text

    start = {
        f"{BRIEFS}/ci-failure-triage.md": edited(
            "ci-failure-triage.md",
            ('accuracy: "88%"', 'accuracy: "74%"'),
            ("status: validated", "status: exploring"),
        ),
        f"{BRIEFS}/claims-fnol-intake.md": edited(
            "claims-fnol-intake.md", ("status: validated", "status: exploring")
        ),
        f"{BRIEFS}/invoice-gl-coding.md": edited(
            "invoice-gl-coding.md", ("accuracy: 0.89", "accuracy: 0.94")
        ),
        f"{BRIEFS}/launch-email-drafts.md": None,
    }
    commit(root, start, "Quarterly review", "2026-08-03T10:00:00+00:00")
    git(root, "tag", "review-q3", date="2026-08-03T10:00:00+00:00")
    commit(
        root,
        {f"{BRIEFS}/claims-fnol-intake.md": final["claims-fnol-intake.md"]},
        "Claims intake validated",
        "2026-09-14T10:00:00+00:00",
    )
    commit(
        root,
        {
            f"{BRIEFS}/ci-failure-triage.md": edited(
                "ci-failure-triage.md",
                ('accuracy: "88%"', 'accuracy: "79%"'),
                ("status: validated", "status: exploring"),
            )
        },
        "CI triage on the new model",
        "2026-10-02T10:00:00+00:00",
    )
    commit(
        root,
        {
            f"{BRIEFS}/launch-email-drafts.md": final["launch-email-drafts.md"],
            f"{BRIEFS}/invoice-gl-coding.md": final["invoice-gl-coding.md"],
        },
        "Launch emails; GL coding on the new chart of accounts",
        "2026-10-20T10:00:00+00:00",
    )
    commit(
        root,
        {f"{BRIEFS}/ci-failure-triage.md": final["ci-failure-triage.md"]},
        "CI triage crosses",
        "2026-11-03T10:00:00+00:00",
    )
    return root


def corrupt(root: Path, sha: str) -> None:
    """Overwrite the loose object ``sha`` of the repository at ``root`` with bytes git cannot inflate."""
    path = root / ".git" / "objects" / sha[:2] / sha[2:]
    path.chmod(0o644)
    path.write_bytes(b"not a zlib stream")
