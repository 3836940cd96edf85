"""PB103 unquantified-loss: whether a loss has an amount.

An amount is a number — digits, number words, ranges, fractions ("a third of", "one in five"),
percentages, multipliers ("twice as long"), currency ("$4k", "EUR 300", "₹9 lakh") — with a unit
of loss: time, money, a share, or a count of things lost. A count is of things lost when the
sentence says so: a rate ("40 tickets a week"), a loss before it ("we lost 7 renewals") or after
it ("2 customers churned"), or a noun that is itself a loss ("12 fines", "300 failed deliveries").
"Our 12 clinics", "teams of 6 accountants" and "$50k contracts" count or price something else;
"form 941", "ISO 27001", "Windows 11" and "since 2021" are names and dates, not amounts.
"""

from __future__ import annotations

import re

from msgspec import Struct

from playbook.analysis.judgement.quantities import (
    ANY_NUMBER_WORD,
    FRACTIONS,
    FULL_TIME,
    IDENTIFIERS,
    LOSS_AFTER,
    LOSS_BEFORE,
    LOSS_NOUN,
    LOSS_NOW,
    LOSS_PREFIX,
    MONEY_FOLLOWERS,
    MONEY_LOST,
    MONEY_WORDS,
    MULTIPLIERS,
    NOT_AN_ACRONYM,
    NUMBER_WORDS,
    PEOPLE,
    PEOPLES_TIME,
    PLURAL_AMOUNTS,
    RATE,
    SCALES,
    STOP,
    TIME,
    TIME_LOST,
    VERBS_IN_S,
    YEAR_BEFORE,
)
from playbook.analysis.judgement.text import Prose, Word
from playbook.lazyregex import regex


class Reading(Struct, frozen=True):
    """What the amounts of a loss came to: whether it has one, and the numbers that were not."""

    amount: str  # the words that make an amount, or ""
    not_amounts: tuple[str, ...]  # numbers that are names, years or counts of something else


# A number as written: digits with separators, a scale, a % or a multiplier, a range, "-odd".
DIGITS = r"[$€£¥₹]?\d[\d,.]*(?:k|m|mn|bn|b|%|x)?"
NUMBER = regex(DIGITS + r"(?:-\d[\d,.]*(?:k|m|mn|bn|b|%|x)?)?(?:-odd|-plus|-ish|ish|\+)?")
SCALED = regex(r"[$€£¥₹]?\d[\d.,]*(?:k|m|mn|bn|b)")  # "~3k in lift tickets", "$2m of stock"
TIMES = regex(r"\d+(?:\.\d+)?x")  # "3x the time"
PER_UNIT = regex(r"\d+(?:\.\d+)?(?:h|hrs?|d|mins?|wks?|w|yrs?|mos?)")  # "3h/wk", "2d/mo"
SLASHED = regex(r"\d+/\d+")  # a fraction, or a name: 24/7, 9/11
DESCRIBES = regex(r"\d+-[a-z]+")  # "a 25-lawyer firm", "a 90-day window"
YEAR = regex(r"(?:19|20)\d\d")
ANY_NUMBER = r"(?:\d[\d,]*|" + ANY_NUMBER_WORD + ")"
# A share: "one in five", "3 out of 10", "nine of the last 40".
ONE_IN = regex(r"\s+(?:[\w'-]+\s+){0,2}?(?:in|out of)\s+(\d+|" + ANY_NUMBER_WORD + r")\b")
SHARE_OF = regex(
    r"\s+of (?:the |our |their |all |every )?(?:last |past |first |latest )?" + ANY_NUMBER + r"\b"
)
OF_WHAT = regex(r"\s+of\s+(?:[\w'-]+\s+){0,2}?[\w'-]+(?=\s+(?:a|an|per|each|every|on|in)\s)")
OF_THEM = regex(r"\s+of (?:them|those|these|the \w+|our \w+|their \w+)")
# What makes money a price rather than a loss: "paying €12 a month".
PRICE = regex(
    r"\b(?:paying|priced at|price of|subscription of|plans? (?:at|of)|tickets? at|fee of)\s+"
    r"(?:about |around |just |only )?$"
)
PERCENT = ("percent", "%", "pc", "pct", "percentage", "points", "pts")


def _clean(word: Word) -> str:
    return word.lower.strip(".,;:()\"'").lstrip("~≈<>+").split("/")[0]


def _number(text: str) -> bool:
    """Whether ``text`` is a number: digits (with separators, a scale, a %, a range), a number
    word, "forty-odd", "sixty-plus"."""
    if NUMBER.fullmatch(text):
        return True
    head = text.split("-")[0]
    return head in NUMBER_WORDS and (
        text == head or text.split("-", 1)[1] in NUMBER_WORDS | {"odd", "plus", "ish"}
    )


def _rate_after(prose: Prose, word: Word) -> bool:
    """Whether a rate follows ``word`` at once ("40 tickets a week", "five a night"), or after
    what it is of ("60 pages of builders' reports a day")."""
    rest = prose.lower[word.end : word.end + 64]
    of_what = OF_WHAT.match(rest)
    if of_what is not None:
        rest = rest[of_what.end() :]
    found = RATE.search(rest[:48])
    return found is not None and len(rest[: found.start()].split()) <= 1


def _rate_before(prose: Prose, word: Word) -> bool:
    """Whether a rate comes just before ``word`` ("every shift, an hour of backlog")."""
    before = prose.lower[max(0, word.start - 48) : word.start]
    rates = list(RATE.finditer(before))
    return bool(rates) and len(before[rates[-1].end() :].split()) <= 1


def _head(words: tuple[Word, ...], index: int) -> tuple[str, int]:
    """Return the noun a number counts (skipping scale words and up to two modifiers) and its index."""
    position = index + 1
    while position < len(words) and _clean(words[position]) in SCALES:
        position += 1
    joined = False  # "15 truncated or overflowing strings": modifiers joined still describe what is counted
    for offset in range(4):
        if position + offset >= len(words) or (offset == 3 and not joined):
            break
        text = _clean(words[position + offset])
        if offset in (1, 2) and text in ("or", "and") and not joined:
            joined = True
            continue
        if not text or text in STOP:
            break
        nxt = _clean(words[position + offset + 1]) if position + offset + 1 < len(words) else ""
        if TIME.match(text) or text in MONEY_WORDS or text in PERCENT:
            return text, position + offset
        if text.endswith(("s", "people", "staff", "overtime", "scrap", "waste", "churn")) and not (
            nxt and nxt not in STOP and nxt.endswith("s") and not nxt.endswith("ss") and nxt not in VERBS_IN_S
        ):
            return text, position + offset
    return "", -1


# People counted whose time or pay is what is lost are an amount of it: "two admins' overtime every month".
THEIR_TIME = regex(
    r"^'s?\s+(?:[\w-]+\s+)?(?:over-?time|time|hours|days|weeks|evenings|weekends|wages|pay|salar(?:y|ies))\b"
)
# A currency written with letters before the number: "R85,000" (rand), "Rs 4,000", "A$2m".
LETTERED_MONEY = regex(r"(?:r|rs\.?|a\$|c\$|nz\$|hk\$|us\$|s\$)\d[\d,.]{0,20}(?:k|m|bn)?")
# A rate said with "once" or "twice": "about once in every 40 loads", "twice a week".
ONCE_IN = regex(
    r"\s+(?:in\s+)?(?:every|each)\s+(?:[\d,]{1,15}|[a-z]{1,20})\s+[\w-]{1,40}|\s+in\s+[\d,]{1,15}\s+[\w-]{1,40}"
)


def _counts_a_loss(prose: Prose, words: tuple[Word, ...], index: int) -> bool:
    """Whether the number at ``index`` counts something lost, time or money, or a share."""
    word = words[index]
    before = prose.lower[max(0, word.start - 40) : word.start]
    head, at = _head(words, index)
    if not head:
        of_them = OF_THEM.match(prose.lower[word.end : word.end + 40])
        if of_them:
            return bool(
                LOSS_AFTER.match(prose.lower[word.end + of_them.end() : word.end + of_them.end() + 40])
            )
        return _rate_after(prose, word) or bool(
            LOSS_BEFORE.search(before) and RATE.search(prose.lower[word.end : word.end + 48])
        )
    if TIME.match(head) or head in MONEY_WORDS or head in PERCENT:
        return True
    modifiers = {_clean(w) for w in words[index + 1 : at]}
    if (
        LOSS_NOUN.search(head)
        or modifiers & LOSS_PREFIX
        or _rate_after(prose, words[at])
        or LOSS_BEFORE.search(before)
    ):
        return True
    rest = prose.lower[words[at].end : words[at].end + 40]
    if (head in PEOPLE and modifiers & FULL_TIME) or PEOPLES_TIME.match(rest) or THEIR_TIME.match(rest):
        return True  # "three people full time", "two full-time clerks", "three people lose the whole Monday"
    return bool(LOSS_AFTER.match(rest) or (head not in PEOPLE and LOSS_NOW.match(rest)))


SPANS = frozenset("hours hrs minutes mins days weeks months evenings weekends shifts".split())


def _identifier(prose: Prose, words: tuple[Word, ...], index: int, lower: str) -> str:
    """Return the words that make the number at ``index`` a name or a date, or ""."""
    previous = words[index - 1] if index else None
    following = words[index + 1] if index + 1 < len(words) else None
    before = _clean(previous) if previous else ""
    if (
        previous is not None
        and len(previous.text) == 1
        and prose.plain[previous.end : previous.end + 1] == "/"
    ):
        previous, before = None, ""  # "w/ 20-30 mins": a letter and a slash are a word in shorthand
    # "the 6 hours a week they now spend": a span of time after "the" is the time itself, no name.
    a_span = before == "the" and following is not None and _clean(following) in SPANS
    if (
        previous is not None
        and not a_span
        and (
            before in IDENTIFIERS
            or (
                previous.text.isupper()
                and len(before) > 1
                and before not in NOT_AN_ACRONYM
                and before.isalpha()
            )
            or previous.named
        )
    ):
        return f"{previous.text} {words[index].text}"
    after = _clean(words[index + 2]) if index + 2 < len(words) else ""
    if (
        following is not None
        and following.text.isupper()
        and len(following.text) > 1
        and following.text.isalpha()
        and following.text.lower() not in NOT_AN_ACRONYM | MONEY_WORDS
        and not TIME.match(after)
        and not (after.endswith("s") and after not in STOP)
    ):
        return f"{words[index].text} {following.text}"  # "21 CFR", but not "5 AOG hours"
    if YEAR.fullmatch(lower) and (
        before in YEAR_BEFORE or before == "" or (following is not None and following.named)
    ):
        return words[index].text
    return ""


def read_amounts(prose: Prose) -> Reading:
    """Return whether ``prose`` states an amount of loss, and which numbers in it are not amounts."""
    words = prose.words
    lowered = [_clean(word) for word in words]
    not_amounts: list[str] = []
    for index in range(len(words)):
        amount, other = _read_word(prose, words, lowered, index)
        if amount:
            return Reading(amount, ())
        if other:
            not_amounts.append(other)
    return Reading("", tuple(not_amounts))


# What one word comes to: (the words of an amount, the words of a number that is not one); both
# empty when the word is no number at all.
Read = tuple[str, str]
NOTHING: Read = ("", "")


def _read_word(prose: Prose, words: tuple[Word, ...], lowered: list[str], index: int) -> Read:
    """Read the word at ``index``: an amount said in words, a number, or nothing."""
    said = _amount_in_words(prose, words, lowered, index)
    if said is not None:
        return said
    lower = lowered[index]
    if LETTERED_MONEY.fullmatch(lower) and re.search(r"\d", lower):
        return (words[index].text, "")
    if not _number(lower) and not (lower[:1] in "$€£¥₹" and _number(lower[1:])):
        return NOTHING
    return _read_number(prose, words, lowered, index)


def _amount_in_words(prose: Prose, words: tuple[Word, ...], lowered: list[str], index: int) -> Read | None:
    """Read an amount that is not a bare number: a multiplier, "dozens of", a fraction, "a day",
    "1/3 of", "twelve per cent", "3h/wk"; None when the word says none of them."""
    word, lower = words[index], lowered[index]
    following = lowered[index + 1] if index + 1 < len(words) else ""
    if (
        lower in MULTIPLIERS
        or TIMES.fullmatch(lower)
        or (
            lower in NUMBER_WORDS | {"three", "five"}
            and following in ("times", "time")
            and index + 2 < len(words)
        )
    ):
        return (word.text, "")
    if lower in PLURAL_AMOUNTS and following == "of":
        return (f"{word.text} of", "") if _counts_a_loss(prose, words, index + 1) else ("", f"{word.text} of")
    if lower in FRACTIONS or lower in ("two-thirds", "three-quarters", "one-third", "one-quarter"):
        near = lowered[max(0, index - 2) : index]
        if (
            lower == "half"
            or any(w in ("a", "one", "two", "three", "four", "half", "by", "nearly", "almost") for w in near)
            or "-" in lower
        ):
            return (" ".join(w.text for w in words[max(0, index - 1) : index + 1]), "")
    if (
        lower in ("a", "an")
        and TIME.match(following)
        and (
            TIME_LOST.search(prose.lower[max(0, word.start - 40) : word.start])
            or _rate_after(prose, words[index + 1])
            or _rate_before(prose, word)
        )
    ):
        return (f"{word.text} {words[index + 1].text}", "")  # "lose a day", "an hour each morning"
    if SLASHED.fullmatch(word.lower) and following == "of" and word.lower not in ("24/7", "9/11"):
        return (f"{word.text} of", "")  # "1/3 of the fleet's cycles"
    if _number(lower) and following == "per" and index + 2 < len(words) and lowered[index + 2] == "cent":
        return (" ".join(w.text for w in words[index : index + 3]), "")  # "twelve per cent"
    once = ONCE_IN.match(prose.lower, word.end) if lower in ("once", "twice") else None
    if once:
        return (prose.quote(word.start, once.end()), "")  # "once in every 40 loads": a rate
    if PER_UNIT.fullmatch(lower):
        return (word.text, "")  # "3h/wk", "2d/mo"
    return None


def _read_number(prose: Prose, words: tuple[Word, ...], lowered: list[str], index: int) -> Read:
    """Read the number at ``index``: a share, a fraction, money, a name or a date, or a count of
    what was lost (or of something else)."""
    word, lower = words[index], lowered[index]
    previous = lowered[index - 1] if index else ""
    following = lowered[index + 1] if index + 1 < len(words) else ""
    if prose.plain[word.end : word.end + 2] in (" %", "%"):
        return (f"{word.text} %", "")  # "15 % of the visits": a share, the sign set apart
    if (
        "/" in word.lower
        and SLASHED.fullmatch(word.lower)
        and word.lower not in ("1/2", "1/3", "2/3", "1/4", "3/4")
    ):
        return ("", word.text)  # 24/7, 9/11
    if DESCRIBES.fullmatch(word.lower) and not word.lower.endswith(("odd", "plus", "ish")):
        return NOTHING  # "a 25-lawyer firm", "a 90-day window": describes something
    fraction = ONE_IN.match(prose.lower[word.end : word.end + 40])
    share = SHARE_OF.match(prose.lower[word.end : word.end + 40])
    if share:
        return (prose.quote(word.start, word.end + share.end()), "")  # "nine of the last 40"
    if fraction and (lower in ("1", "one", "a") or _number(lower)):
        return (prose.quote(word.start, word.end + fraction.end()), "")
    if SCALED.fullmatch(lower) and following in ("in", "of", "a", "per", "each", "every"):
        return (word.text, "")  # "~3k in lift tickets", "$2m of stock"
    if lower[:1] in "$€£¥₹" or lower.endswith("%") or previous in MONEY_WORDS:
        return _read_money(prose, words, lowered, index)
    if prose.plain[word.end : word.end + 1] == "(":
        return ("", word.text + prose.plain[word.end : word.end + 3])  # 401(k)
    identifier = _identifier(prose, words, index, lower)
    if identifier:
        return ("", identifier)
    pair = " ".join(w.text for w in words[index : index + 2])
    return (pair, "") if _counts_a_loss(prose, words, index) else ("", pair)


def _read_money(prose: Prose, words: tuple[Word, ...], lowered: list[str], index: int) -> Read:
    """Read money or a share at ``index``: a loss, or a price or a size ("$89 starter kit",
    "paying €12 a month", "$50k contracts"), or what a panel is made of ("90% Medicaid")."""
    word, lower = words[index], lowered[index]
    nxt = lowered[index + 1] if index + 1 < len(words) else ""
    price = PRICE.search(prose.lower[max(0, word.start - 30) : word.start])
    if lower.endswith("%") and index + 1 < len(words) and words[index + 1].named:
        return ("", f"{word.text} {words[index + 1].text}")  # "90% Medicaid": what a panel is made of
    if (
        nxt
        and nxt.isalpha()
        and nxt not in STOP
        and nxt not in MONEY_FOLLOWERS
        and nxt not in SCALES
        and not TIME.match(nxt)
        and nxt not in MONEY_WORDS
        and not LOSS_NOUN.search(nxt)
        and nxt not in LOSS_PREFIX
        and not lower.endswith("%")
        and not MONEY_LOST.search(prose.lower[max(0, word.start - 30) : word.start])
        and not _rate_after(prose, word)
    ) or price:  # "£180k last season": money over a period
        # "$89 starter kit", "paying €12 a month": a price, not a loss
        return ("", f"{word.text} {words[index + 1].text}" if index + 1 < len(words) else word.text)
    head, at = _head(words, index)
    if (
        head
        and not (
            TIME.match(head)
            or head in MONEY_WORDS
            or LOSS_NOUN.search(head)
            or {_clean(w) for w in words[index + 1 : at]} & LOSS_PREFIX
            or _rate_after(prose, words[at])
        )
        and at <= index + 3
        and not lower.endswith("%")
    ):
        return ("", f"{word.text} {words[at].text}")  # "$50k contracts": a size, not a loss
    return (word.text, "")
