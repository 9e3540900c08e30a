"""Share of the numbers in checkable prose statements and in tables that became facts.

A prose number counts when it carries a money unit (元/千元/万元/亿元/万/亿) or a
percent sign, outside dates and ordinals, in a prose clause; it is
"understood" when the grammar turned it into an amount, share, change, rate
or calculation. A table cell counts when it holds a number; it is understood
when a recognised score or 决算 table reads it.

    python scripts/coverage.py tests/corpus/*.txt
"""
from __future__ import annotations

import sys

from budgetlint.config import Config
from budgetlint.engine import analyse
from budgetlint.facts import Unparsed
from budgetlint.ingest import read_document


def main(paths: list[str]) -> int:
    seen = used = cells_seen = cells_used = 0
    for path in paths:
        ctx = analyse(read_document(path), Config())
        fs = ctx.facts
        seen, used = seen + fs.numbers_seen, used + fs.numbers_used
        cells_seen, cells_used = cells_seen + fs.cells_seen, cells_used + fs.cells_used
        share = fs.numbers_used / fs.numbers_seen if fs.numbers_seen else 1.0
        print(f"{path}: prose {fs.numbers_used}/{fs.numbers_seen} numbers understood ({share:.1%}), "
              f"{len(fs.of(Unparsed))} clauses not understood; table cells {fs.cells_used}/{fs.cells_seen}; "
              f"together {fs.coverage:.1%}")
    if len(paths) > 1:
        print(f"all: prose {used}/{seen} ({used / max(seen, 1):.1%}), table cells {cells_used}/{cells_seen}, "
              f"together {(used + cells_used) / max(seen + cells_seen, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
