"""The tables every table rule reads, recognised once per run: 决算 tables and 三公 tables."""
from __future__ import annotations

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
