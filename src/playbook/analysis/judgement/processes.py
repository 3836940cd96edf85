"""A list of processes in place of one job: "invoice capture, approval routing, payment runs".
A verb that leads the problem makes its clauses jobs, judged in ``jobs.py``; what opens the problem
to say when or for what item the job is done is no item of the list."""

from __future__ import annotations

import re

from playbook.analysis.judgement.gates import bounded
from playbook.analysis.judgement.jobs import jobs
from playbook.analysis.judgement.text import Prose
from playbook.analysis.judgement.verbs import KIND_OF, PROCESS_NOUN
from playbook.analysis.judgement.words import one_of
from playbook.lazyregex import regex


def listed_processes(prose: Prose) -> str:
    """Return a list of processes in place of one job ("invoice capture, approval routing,
    payment runs"; "complaint handling plus room-rate optimisation"), or ""."""
    found = jobs(prose)
    opener = OPENING_CONDITION.match(prose.lower)
    first = next((word for word in prose.words if word.start >= (opener.end() if opener else 0)), None)
    leading = (
        bool(found)
        and first is not None
        and found[0][0] == first.text
        and not (
            first.lower.endswith("ing")
            and re.match(r"[\w-]+\s*(?:,|and\b|&|/|\+)", prose.lower[first.start :])
        )
    )  # "Timetabling, …"
    if leading and KIND_OF.get(found[0][0].lower()) != "run":
        # A verb leads: the clauses are judged as jobs (a generic one, "manage X, Y and Z", lists them).
        return ""
    rest = prose.lower[opener.end() if opener else 0 :]  # the schedule or condition that opens it is no item
    rest = ONE_HEAD.sub(_one_head, rest)  # "the departure, destination or alternate runways": runways
    strong = STRONG_BREAK.split(rest)
    parts = [BEFORE_PREPOSITION.split(part, 1)[0] for part in LIST_BREAK.split(rest)]
    heads = [part.split()[-1].strip(".,") for part in parts if part.split()]
    processes = [head for head in heads if PROCESS_NOUN.match(head) or head in ("the lot", "lot")]
    if len(processes) >= 3 or (len(strong) >= 2 and len(processes) >= 2):
        return ", ".join(processes[:3])
    if (
        len(heads) >= 3
        and (not leading or KIND_OF.get(found[0][0].lower()) == "run")
        and not SOURCE.search(prose.lower)
    ):
        return ", ".join(heads[:3])  # three things with no job and no document they come from: a list of work
    return ""


# A clause of time or condition that opens the problem says when the job is done, and the job's
# verb follows it: "When a sick call comes in, rank the reserve pilots who are legal and in base";
# so does the item it is done for: "For a given flight release, highlight the NOTAMs that affect…";
# so does a schedule or a deadline: "Each night before 2am, list…", "By 9am on weekdays, draft…".
SCHEDULE = one_of(
    """each, every, daily, nightly, weekly, fortnightly, monthly, hourly, quarterly, yearly, annually,
    once a, twice a, three times a, on, at, by, ahead of, during, overnight, first thing, in the run-up to"""
)
OPENING_CONDITION = regex(
    bounded(
        r"\s*(?:when|whenever|if|once|after|before|as soon as|each time|every time|any time|until|while|"
        rf"given|for|{SCHEDULE})\b(?:[^,;:.]|(?<=\d)[:.](?=\d)){{0,80}}?,\s*"
    )
)
# What joins the items of a list, strongly ("plus", ";") or at all; and what ends an item's head.
# A gap is tried where it starts ((?<!\s)), not again at each of its spaces.
STRONG_BREAK = regex(
    bounded(
        r"(?<!\s)\s+(?:plus|as well as|along with|together with|alongside|and also|&)\s+|;|"
        r"(?<!\s)\s*\+\s*"
    )
)
LIST_BREAK = regex(
    bounded(
        r",\s*(?:and\s+|or\s+)?|(?<!\s)\s+(?:and|or|plus|as well as|along with|&)\s+|;|"
        r"(?<!\s)\s*[/+]\s*"
    )
)
BEFORE_PREPOSITION = regex(bounded(r"(?<!\s)\s+(?:for|in|of|at|with|across|to|from|on|by|within)\s+"))
# Where the items of one job come from: "… from each broker slip", "… off fleet vehicle documents".
SOURCE = regex(r"\b(?:from|off|out of|in each|on each|in every|on every|within|inside|into|onto|per)\b")


# Single words listed after a determiner, up to an item of two words, modify that item's head: "the
# departure, destination or alternate runways" are runways of three kinds, an item's places, not
# three processes. A word that names a process keeps the list a list ("the invoicing, payroll and
# supplier payments").
ONE_HEAD = regex(
    bounded(
        r"\b(?:the|its|their|our|each|every|any)\s+(?P<words>[\w-]+(?:\s*,\s*[\w-]+)+),?\s+(?:and|or)\s+"
        r"[\w-]+\s+(?P<head>[\w-]+s)\b"
    )
)
PLAIN_PROCESS = regex(r"[\w-]+ing|" + PROCESS_NOUN.pattern.replace(r"\w+ing|", "", 1))


def _one_head(match: re.Match) -> str:
    """Return the head the listed words modify, unless one of them names a process."""
    words = [word.strip() for word in match.group("words").split(",")]
    if any(PLAIN_PROCESS.fullmatch(word) and not re.search(r"(?:tion|sion|ment)$", word) for word in words):
        return match.group()
    return match.group().split(None, 1)[0] + " " + match.group("head")
