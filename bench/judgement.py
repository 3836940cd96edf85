"""Per-rule figures of the prose rules on the labelled corpus: cases, recall and false alarms.

    python bench/judgement.py                 # tests/judgement/
    python bench/judgement.py FOLDER --show   # another corpus, listing every miss and false alarm
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playbook.analysis.judgement import FIELD_RULES, judge  # noqa: E402
from tests.judgement.corpus import HERE, corpus  # noqa: E402


def figures(cases, show: bool = False) -> dict[str, dict[str, int]]:
    """Return, per rule, the cases judged, the violations caught and missed, and the false alarms."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"cases": 0, "violations": 0, "caught": 0, "good": 0, "false_alarms": 0})
    for case in cases:
        found = {verdict.code: verdict for verdict in judge(case.field, case.text)}
        for code in FIELD_RULES[case.field]:
            row = table[code]
            if code == "PB103" and case.file != "pb103.txt" and code not in case.expected and "PB101" in case.expected:
                pass  # still judged: a hypothetical loss may have an amount or not, the label says which
            row["cases"] += 1
            if code in case.expected:
                row["violations"] += 1
                row["caught"] += code in found
                if show and code not in found:
                    print(f"MISS   {code} {case.id}  {case.field}: {case.text}")
            else:
                row["good"] += 1
                row["false_alarms"] += code in found
                if show and code in found:
                    print(f"ALARM  {code} {case.id}  {case.field}: {case.text}\n         {found[code].message}")
    return dict(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=HERE)
    parser.add_argument("--show", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    table = figures(corpus(args.folder), args.show)
    print(f"{'rule':<6} {'cases':>6} {'violations':>10} {'recall':>8} {'good':>6} {'false alarms':>13}")
    for code in sorted(table):
        row = table[code]
        recall = row["caught"] / row["violations"] if row["violations"] else 1.0
        alarms = row["false_alarms"] / row["good"] if row["good"] else 0.0
        print(f"{code:<6} {row['cases']:>6} {row['violations']:>10} {recall:>8.1%} {row['good']:>6} "
              f"{alarms:>8.1%} ({row['false_alarms']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
