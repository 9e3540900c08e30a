"""Share of the numbers in checkable prose statements that became facts (issue 2 acceptance).

A number counts when it carries a money unit (元/万元/亿元/万) or a percent
sign, outside dates and ordinals, in a prose clause; it is "understood" when
the grammar turned it into an amount, share, change, rate or calculation.

    python scripts/coverage.py tests/corpus/*.txt
"""
from __future__ import annotations

import sys

from budgetlint.config import Config
from budgetlint.engine import analyse
from budgetlint.facts import Unparsed
from budgetlint.ingest import read_document


def main(paths: list[str]) -> int:
    seen = used = 0
    for path in paths:
        ctx = analyse(read_document(path), Config())
        fs = ctx.facts
        seen, used = seen + fs.numbers_seen, used + fs.numbers_used
        share = fs.numbers_used / fs.numbers_seen if fs.numbers_seen else 1.0
        print(f"{path}: {fs.numbers_used}/{fs.numbers_seen} numbers understood ({share:.1%}), "
              f"{len(fs.of(Unparsed))} clauses not understood")
    if len(paths) > 1:
        print(f"all: {used}/{seen} ({used / max(seen, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
