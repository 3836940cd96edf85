"""Where the quadrant chart's words go: each mark's label (its rank, or ×N for a shared spot) is put
beside its mark where it covers no other label, no mark and none of the quadrants' names, or left
out (the mark's tooltip still names its briefs). The chart is drawn once for every screen, and the
theme sets its words larger on a phone (the picture shrinks there): labels are placed first at the
phone's sizes, those shown everywhere, then more at the laptop's, shown only there. Text is
measured from the fonts' widths in ems, a little generously; a browser test measures the real
boxes."""

from __future__ import annotations

from msgspec import Struct

# The theme's font sizes in the chart's units (style.css: .point-label, .quadrant-label, and their
# sizes inside "@media (max-width: 40rem)"). A phone's picture is about half the size, so its words
# are larger in the chart's units and fewer labels fit.
WIDE = {"point": 12.0, "quadrant": 12.0}
NARROW = {"point": 21.0, "quadrant": 19.0}
FEW = 30  # marks at most on a chart where a label may go below its mark
LINE = 1.2  # ems from one line of a quadrant's name to the next
GAP = 3.0  # from a mark's edge to its label's near edge
# Widths in ems, as wide as a bold DejaVu Sans (wider than most sans-serifs): a digit 0.7, "×" 0.84.
EMS = {",": 0.4, ".": 0.4, " ": 0.35, "×": 0.86, "▲": 0.9, "▼": 0.9}
EM = 0.72  # any other character


class Box(Struct, frozen=True):
    """A rectangle in the chart's units."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def inside(self, other: Box) -> bool:
        return (
            other.left <= self.left
            and self.right <= other.right
            and other.top <= self.top
            and self.bottom <= other.bottom
        )


class Words(Struct, frozen=True):
    """Text drawn at ``x``, ``y`` (the first line's baseline), anchored ``start``, ``middle`` or ``end``, one
    or more lines ``LINE`` ems apart (``lift`` lines above ``y`` when the block ends on ``y``)."""

    x: float
    y: float
    anchor: str
    lines: tuple[str, ...]
    lift: int = 0


class Placed(Struct, frozen=True):
    """A mark's label: where it goes and whether it shows on phones too (``everywhere``)."""

    x: float
    y: float
    anchor: str
    everywhere: bool


def text_width(text: str, size: float) -> float:
    """Return the width of ``text`` at font ``size``, a little wider than a sans-serif draws it."""
    return size * sum(EMS.get(char, EM) for char in text)


def words_box(words: Words, size: float) -> Box:
    """Return the box ``words`` take at font ``size`` (a line's box: 0.95 em above its baseline,
    0.3 below, as browsers measure it)."""
    width = max(text_width(line, size) for line in words.lines)
    left = words.x - {"end": width, "middle": width / 2}.get(words.anchor, 0.0)
    top = words.y - (words.lift * LINE + 0.95) * size
    bottom = words.y + ((len(words.lines) - 1 - words.lift) * LINE + 0.3) * size
    return Box(left, top, left + width, bottom)


def mark_box(x: float, y: float, radius: float) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)


def _candidates(x: float, y: float, radius: float, text: str, size: float, below: bool) -> list[Words]:
    """The places a mark's label may go, best first: above right, beside right, right above,
    above left, beside left, and right below where ``below`` (on a chart of few marks: on a crowded
    one a label below would read as the label of the mark under it)."""
    near, far = radius + GAP, radius + GAP + 2
    above, beside = y - radius + 0.3 * size, y + 0.35 * size
    return [
        Words(x + near, above, "start", (text,)),
        Words(x + far, beside, "start", (text,)),
        Words(x, y - radius - GAP - 0.3 * size, "middle", (text,)),
        Words(x - near, above, "end", (text,)),
        Words(x - far, beside, "end", (text,)),
        *([Words(x, y + radius + GAP + 0.95 * size, "middle", (text,))] if below else []),
    ]


def place_labels(
    marks: list[tuple[float, float, float, str]], names: list[Words], bounds: Box
) -> list[Placed | None]:
    """Return where each mark's label goes, or None where it would cover another label, a mark or a
    quadrant's name, or leave ``bounds``; ``marks`` are ``(x, y, radius, text)``, most important
    first, and ``names`` the quadrants' names."""
    placed: list[Placed | None] = [None] * len(marks)
    for everywhere, sizes in ((True, NARROW), (False, WIDE)):
        size = sizes["point"]
        taken = [words_box(name, sizes["quadrant"]) for name in names]
        taken += [
            words_box(Words(p.x, p.y, p.anchor, (marks[i][3],)), size) for i, p in enumerate(placed) if p
        ]
        dots = [mark_box(x, y, radius) for x, y, radius, _ in marks]
        for index, (x, y, radius, text) in enumerate(marks):
            if placed[index] is not None:
                continue
            others = dots[:index] + dots[index + 1 :]
            for words in _candidates(x, y, radius, text, size, len(marks) <= FEW):
                box = words_box(words, size)
                if (
                    box.inside(bounds)
                    and not any(box.overlaps(other) for other in taken)
                    and not any(box.overlaps(dot) for dot in others)
                ):
                    placed[index] = Placed(words.x, words.y, words.anchor, everywhere)
                    taken.append(box)
                    break
    return placed
