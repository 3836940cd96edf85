"""Markdown built to trip a renderer: a hostile corpus (each piece aimed at a place where the
accelerator and the reference could part, or where work could grow with the square of a
paragraph), and a hypothesis strategy that makes documents from Markdown's tricky pieces. The
engines' byte-for-byte comparison and the growth tests both read them."""

from __future__ import annotations

from hypothesis import strategies as st

HOSTILE = [
    "## Notes\n\n## Notes\n\n## Notes\n\n### main\n\n#### ranking\n",
    "Setext\n======\n\nSecond\n------\n\n## *Em* and `code` [[a]] ![img](x.png)\n",
    "- [ ] one\n- [x] two\n- [X] three\n\n1. [ ] ordered\n2. [ ]no space\n",
    "- [ ] loose\n\n- [x] items\n\n  with a second paragraph\n",
    "- [ ] wraps over\n  two lines *with* `code` and [[abc]]\n  - [ ] nested\n    ```\n    fence\n    ```\n",
    "- [ ] a\n  > quote\n- [ ] b\n  | t |\n  |---|\n  | c |\n",
    "[[a]] [[abcd|label]] [[missing]] `[[code]]` and\n\n```\n[[fenced]]\n```\n\n    [[indented]]\n",
    "[see [[abcd]]](http://x.y) and ![alt [[abcd]]](i.png)\n",
    "\\[[abcd]] and [[abcd\\]] and [[a|b\\|c]]\n",
    "[[abcd]]\n\n[abcd]: http://x.y\n",
    "[[ spaced slug | spaced label ]] [[a|]] [[|b]] [[a\nb]] [[[a]]] [[a]]]\n",
    "<script>alert(1)</script>\n\n<b>raw</b> <img src=x onerror=alert(1)>\n",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) ![z](vbscript:x) "
    "<javascript:alert(1)> <data:text/html,x>\n",
    '[[abcd|<script>alert(1)</script>]] [[<b>]] [[a&amp;b]] [["q"]]\n',
    "Entities &amp; &copy; &#x27; &nbsp; AT&amp;T \\* \\_ \\` and <http://auto.link/x?a=1&b=2>\n",
    "Footnote[^1] and another[^long].\n\n[^1]: One.\n[^long]: Two\n\n    paragraphs, with [[abcd]].\n",
    "| a | b | c |\n|:-|:-:|-:|\n| 1 | **2** | [[abcd]] |\n| `|` | x \\| y | |\n",
    "> quote with [[abcd]]\n>\n> - [ ] task in a quote\n",
    "# h1\n## h2\n### h3\n#### h4\n##### h5\n###### h6\n## h2 ##\n##\n",
    "## 中文 标题\n\n## Émoji 🎉 title\n\n## a-b_c d.e\n\n## --\n",
    "~~strike~~ ~single~ ***both*** __under__ *a **b** c*\n",
    "Hard  \nbreak and soft\nbreak\\\nbackslash\n",
    "",
    "\n\n\n",
    "- a\n\n  b\n- c\n\n1) x\n2) y\n",
    "``` python\ncode < & >\n```\n~~~\ntilde\n~~~\n",
    "Line with trailing [[abcd]]",
    "* [ ] star task\n+ [x] plus task\n",
    "- [ ] **bold start** and end\n- [ ] <b>escaped</b>\n",
    "Title\n=====\n\n## Title\n\n## Title-1\n\n## Title\n",
    ">" * 40 + " deep",
    "".join("  " * i + "- x\n" for i in range(40)),
    "[^" * 300,
    "*a " * 30 + "b" + "*" * 30,
    "[[abcd]](x) and [[abc]] (y)\n",
    "[" * 21 + "foo]()\n",
    "[" * 20 + " [a](x)\n",
    "![" * 21 + "a" + "](x)" * 21,
    "[a " * 20 + "![b](x)" + "](y)\n",
    "*a* " * 600,
    "## " + "__a__ `b` " * 300,
    "".join(f"[l{i}]: /{i}\n" for i in range(60)),
]


PIECES = st.sampled_from(
    [
        "word",
        "two words",
        "*em*",
        "**strong**",
        "`code`",
        "[[abcd]]",
        "[[ab|label]]",
        "[[missing-one]]",
        "[link](http://x)",
        "![img](i.png)",
        "&amp;",
        "\\*",
        "<b>",
        "~~s~~",
        "[^1]",
        "\n",
        "  \n",
        "\\\n",
        "[[a",
        "]]",
        "|",
        "[ ]",
        "[x]",
    ]
)
LINE_STARTS = st.sampled_from(
    ["", "", "## ", "### ", "- ", "- [ ] ", "- [x] ", "  - [ ] ", "1. ", "> ", "    ", "| "]
)
BLOCKS = st.sampled_from(
    [
        "",
        "",
        "\n",
        "```\n[[abcd]] <x>\n```\n",
        "---\n",
        "| a | b |\n|---|:-:|\n",
        "[^1]: note [[abcd]]\n",
        "Heading\n===\n",
    ]
)


@st.composite
def documents(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        lines.append(
            draw(BLOCKS) + draw(LINE_STARTS) + " ".join(draw(st.lists(PIECES, min_size=1, max_size=8)))
        )
    return "\n".join(lines) + "\n"
