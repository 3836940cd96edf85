"""Per-rule figures of the prose rules on the labelled corpus: cases, recall and false alarms.

python bench/judgement.py                         # tests/judgement/, all files together
python bench/judgement.py --group round3-set-a    # only the files whose names start so (repeatable)
python bench/judgement.py --by-file               # one table per file, then the whole
python bench/judgement.py FOLDER --show           # another corpus, listing every miss and false alarm
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
    table: dict[str, dict[str, int]] = defaultdict(
        lambda: {"cases": 0, "violations": 0, "caught": 0, "good": 0, "false_alarms": 0}
    )
    for case in cases:
        found = {verdict.code: verdict for verdict in judge(case.field, case.text)}
        for code in FIELD_RULES[case.field]:
            row = table[code]
            if (
                code == "PB103"
                and case.file != "pb103.txt"
                and code not in case.expected
                and "PB101" in case.expected
            ):
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
                    print(
                        f"ALARM  {code} {case.id}  {case.field}: {case.text}\n         {found[code].message}"
                    )
    return dict(table)


def print_table(title: str, table: dict[str, dict[str, int]]) -> None:
    """Print one table of figures, per rule: recall as caught/violations, false alarms as a share of
    good cases."""
    print(title)
    print(f"{'rule':<6} {'cases':>6} {'violations':>10} {'recall':>15} {'good':>6} {'false alarms':>15}")
    for code in sorted(table):
        row = table[code]
        recall = row["caught"] / row["violations"] if row["violations"] else 1.0
        alarms = row["false_alarms"] / row["good"] if row["good"] else 0.0
        print(
            f"{code:<6} {row['cases']:>6} {row['violations']:>10} {recall:>7.1%} "
            f"{row['caught']:>3}/{row['violations']:<3} "
            f"{row['good']:>6} {alarms:>7.1%} {row['false_alarms']:>3}/{row['good']:<3}"
        )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=HERE)
    parser.add_argument("--show", action="store_true", help="list every miss and false alarm")
    parser.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="PREFIX",
        help="report the files whose names start with PREFIX on their own (repeatable)",
    )
    parser.add_argument("--by-file", action="store_true", help="report each file on its own, then the whole")
    args = parser.parse_args()
    cases = corpus(args.folder)
    groups = args.group or (sorted({case.file for case in cases}) if args.by_file else [])
    for prefix in groups:
        chosen = [case for case in cases if case.file.startswith(prefix)]
        if not chosen:
            print(f"{prefix}: no file of {args.folder} starts so", file=sys.stderr)
            return 2
        files = sorted({case.file for case in chosen})
        print_table(f"{prefix} ({len(chosen)} cases in {', '.join(files)})", figures(chosen, args.show))
    if not args.group:
        print_table(f"all of {args.folder} ({len(cases)} cases)", figures(cases, args.show and not groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
