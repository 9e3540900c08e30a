"""Throughput benchmark: prints figures, asserts nothing.

Measures the one-off cost (imports, grammar compilation) and the per-document
cost on the text corpus and on a document made k times larger by repetition,
so that linear scaling can be read off the figures.

    python scripts/bench.py [corpus-dir]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path


def main(corpus: str) -> None:
    t0 = time.perf_counter()
    from budgetlint.config import Config
    from budgetlint.document import Document
    from budgetlint.engine import lint
    from budgetlint.extract.parse import clause_parser
    t1 = time.perf_counter()
    clause_parser()
    t2 = time.perf_counter()
    print(f"import: {1000 * (t1 - t0):.0f} ms   grammar compile: {1000 * (t2 - t1):.0f} ms")
    cfg = Config()
    files = sorted(Path(corpus).glob("*.txt"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        lint(Document(path=str(f), text=text), cfg)  # warm
        t = time.perf_counter()
        r = lint(Document(path=str(f), text=text), cfg)
        dt = time.perf_counter() - t
        print(f"{f.name}: {len(text)} chars, {len(r.facts.facts)} facts, {1000 * dt:.0f} ms ({len(text) / dt / 1e6:.2f} Mchar/s)")
    base = "\n".join(f.read_text(encoding="utf-8") for f in files)
    for k in (1, 2, 4, 8):
        text = "\n".join([base] * k)
        t = time.perf_counter()
        lint(Document(path="x", text=text), cfg)
        dt = time.perf_counter() - t
        print(f"corpus x{k}: {len(text)} chars in {1000 * dt:.0f} ms ({1e6 * dt / len(text):.2f} µs/char)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))
