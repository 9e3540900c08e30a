"""The tables every table rule reads, recognised once per run: 决算 tables and 三公 tables."""
from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from ..tables.final_accounts import FinalTable, identify
from ..tables.three_public import ThreePublic, from_final, three_public_tables


def final_tables(ctx) -> list[FinalTable]:
    """The recognised 决算 tables of the document (computed once per run)."""
    cache = ctx.__dict__.setdefault("_final_tables", {})
    if "all" not in cache:
        cache["all"] = identify(ctx.tables, ctx.doc.text)
    return cache["all"]


def by_kind(ctx, kind: str) -> Optional[FinalTable]:
    return next((t for t in final_tables(ctx) if t.kind == kind), None)


def three_public(ctx) -> list[ThreePublic]:
    """The 三公 tables of the document (computed once per run)."""
    cache = ctx.__dict__.setdefault("_three_public", {})
    if "all" not in cache:
        found = [t for t in (from_final(ft) for ft in final_tables(ctx) if ft.kind == "three_public"
                             and not all(p.source == "text" for p in ft.parts)) if t]
        for t in three_public_tables(ctx.tables, ctx.doc.text):
            if not any(o.span.start < t.span.end and t.span.start < o.span.end for o in found):
                found.append(t)
        cache["all"] = found
    return cache["all"]


def read_cells(ctx) -> set[tuple[int, int]]:
    """Spans of the number cells rebuilt into a standard table a rule checks (computed once per run).

    A cell counts as read when it is a 分值/得分/amount/target of a score table,
    a value of a 三公 table, or a value cell of a recognised 决算 table.
    """
    cache = ctx.__dict__.setdefault("_read_cells", {})
    if "all" in cache:
        return cache["all"]
    cells = sorted({(c.span.start, c.span.end) for t in ctx.tables for r in t.rows for c in r.cells
                    if c.number is not None and not c.merged})
    used: set[tuple[int, int]] = set()
    for t in ctx.tables:
        for it in (t.scores.items if t.scores else []):
            for n in (it.weight, it.score, it.budget_initial, it.budget, it.executed, it.rate, it.target, it.actual):
                if n is not None:
                    used.add((n.span.start, n.span.end))
    for tp in three_public(ctx):
        used.update((c.span.start, c.span.end) for row in tp.cells.values() for c in row if c is not None)
    for ft in final_tables(ctx):
        used.update((c.span.start, c.span.end) for ln in ft.lines for c in ln.cells.values())
    starts = [a for a, _ in cells]
    hits = set()
    for u, _ in used:  # a score number's span lies inside its cell's
        k = bisect_right(starts, u) - 1
        if k >= 0 and (u < cells[k][1] or cells[k][0] == u):
            hits.add(cells[k])
    cache["all"] = hits
    return hits


def table_cells(ctx) -> tuple[int, int]:
    """(number cells in the document's tables, those read into a standard table a rule checks)."""
    seen = {(c.span.start, c.span.end) for t in ctx.tables for r in t.rows for c in r.cells
            if c.number is not None and not c.merged}
    return len(seen), len(read_cells(ctx) & seen)
