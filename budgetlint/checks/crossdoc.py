"""BL95x across documents: the documents of one unit against each other.

These rules run once per run, after every document has been linted, on the
ledgers of ``budgetlint.crossdoc`` (unit, year, kind and comparable quantities
of each document). Only documents of the same unit are compared; a document
whose unit or year cannot be read (and is not set in the config's
``[documents]`` table) is never compared. A finding is reported on the later
document and names the other file, its location and its line.
"""
from __future__ import annotations

from ..crossdoc import BASIS_EN, BASIS_ZH, KIND_ORDER, CrossContext
from ..model import Severity
from . import rule

NOT_BUDGET = frozenset(KIND_ORDER) - {"budget"}


def _what(q) -> tuple[str, str]:
    name = q.key.rsplit("/", 1)[-1]  # a list item without the total it belongs to
    return f"{q.year}年{name}{BASIS_ZH[q.basis]}", f"{q.year} {name} ({BASIS_EN[q.basis]})"


@rule("BL950", "previous-year-mismatch", Severity.ERROR, cross=True)
def previous_year_mismatch(ctx: CrossContext) -> None:
    """上年数与上年度文件不符 — a previous-year figure differs from last year's document of the unit.

    What it checks: a 2024 决算 that says 「收入支出总计2995.39万元，与上年相比减少56.95万元」
    fixes the 2023 total at 2995.39 + 56.95 = 3052.34万元; a growth rate alone
    fixes it at 2995.39 ÷ (1 − rate). The same unit's 2023 决算 states that
    total too. Figures stated as 上年数 are compared the same way. Rounding of
    every number involved (and the 0.01 tail convention) is allowed for.

    Why it matters: one of the two documents is wrong, and no single-document check can
    see it; the change and rate were usually computed from a wrong base.

    Example: 2023.txt 「收支总计3052.34万元」, 2024.txt 「收支总计2995.39万元，
    与上年相比减少60.00万元」 → last year's total would be 3055.39万元.

    Fix: recompute the change (or 上年数) from last year's published figure, or
    correct last year's figure if that one is wrong.
    """
    for doc in ctx.ledgers:
        if doc.identity.year is None:
            continue  # never compared (its ledger is empty)
        last = doc.identity.year - 1
        implied = [q for q in doc.quantities if not q.own and q.how != "table" and q.year == last]
        for j, _, q, oq in ctx.disagreements(doc, implied, year=last):
            prev = ctx.ledgers[j]
            zh, en = _what(q)
            ctx.report(doc, q, prev, oq,
                       zh=f"由此推得{zh}为 {q.text}，与 {prev.path} 所述 {oq.text} 不符",
                       en=f"this implies {en} of {q.text}, but {prev.path} states {oq.text}")


@rule("BL951", "initial-budget-mismatch", Severity.ERROR, cross=True)
def initial_budget_mismatch(ctx: CrossContext) -> None:
    """年初预算与当年预算文件不符 — a 年初预算 figure differs from the unit's 预算 document of that year.

    What it checks: a 2024 决算 that says 「财政拨款支出年初预算数为2993.92万元」 (or 「比年初
    预算数增加6.85万元」 after the 决算数) restates the budget the unit published
    a year earlier in its 2024 预算. The two must agree within rounding.

    Why it matters: the 年初预算 is not the 决算 document's to choose; a different figure
    means the comparison (完成年初预算的 X%, 增减) was made against a wrong base.

    Example: 2024预算.txt 「财政拨款支出预算463.48万元」, 2024决算.txt 「财政拨款
    支出年初预算数为436.48万元」.

    Fix: copy the 年初预算 from the published 预算 (or explain the difference).
    """
    def accept(budget, q):
        return q.year == budget.identity.year

    for doc in ctx.ledgers:
        if doc.identity.kind == "budget":
            continue
        initial = [q for q in doc.quantities if q.basis == "budget_initial" and q.how != "table"]
        for j, _, q, oq in ctx.disagreements(doc, initial, accept, how=("stated", "table"), kinds=("budget",),
                                             earlier=True):
            budget = ctx.ledgers[j]
            zh, en = _what(q)
            ctx.report(doc, q, budget, oq, zh=f"{zh}为 {q.text}，与预算文件 {budget.path} 所述 {oq.text} 不符",
                       en=f"{en} is {q.text} here, but the budget {budget.path} states {oq.text}")


@rule("BL952", "three-public-statement-vs-table", Severity.ERROR, cross=True)
def three_public_statement_vs_table(ctx: CrossContext) -> None:
    """“三公”说明与另一文件的“三公”经费表不符 — the 三公 statement and the 三公 table (separate files) disagree.

    What it checks: many units publish the “三公”经费 说明 and the 财政拨款“三公”经费支出表 as two
    files. Every 三公 figure the statement gives (合计, 因公出国（境）费,
    公务用车购置及运行维护费 and its two parts, 公务接待费; 预算数 and 决算数) is
    compared with the table's cell of the same unit and year.

    Why it matters: readers take the figure from whichever file they open; the two files
    were typed separately and drift apart.

    Example: 说明.txt 「公务接待费支出决算为2.23万元」, 表.txt 公务接待费 决算数 2.32.
    The finding goes on the later file of the two (by path when both are of
    one year): on the statement's figure or on the table's cell.

    Fix: correct the statement or the table cell.
    """
    for doc in ctx.ledgers:
        if doc.identity.year is None:
            continue  # never compared (its ledger is empty)
        # its statement's figures against the other file's table, then its table's cells against the other's statement
        sides = ((("stated",), ("table",)), (("table",), ("stated",)))
        found = [(j, side, n, q, oq) for side, (mine, theirs) in enumerate(sides)
                 for j, n, q, oq in ctx.disagreements(doc, list(ctx.index(doc, how=mine).values()), how=theirs,
                                                      year=doc.identity.year, earlier=True)]
        for j, _, _, q, oq in sorted(found, key=lambda f: f[:3]):
            other = ctx.ledgers[j]
            zh, en = _what(q)
            ctx.report(doc, q, other, oq, zh=f"{zh}为 {q.text}，与 {other.path} 所述 {oq.text} 不符",
                       en=f"{en} is {q.text} here, but {other.path} states {oq.text}")


@rule("BL953", "restated-across-documents", Severity.ERROR, cross=True)
def restated_across_documents(ctx: CrossContext) -> None:
    """同一数据在两份文件中不一致 — the same quantity (unit, year, subject, basis) differs between two documents.

    What it checks: a unit's 决算 and its “三公” 说明 or 整体绩效自评 of the same year state many
    of the same quantities (支出合计, “三公”经费, 财政拨款支出 …). Each quantity
    stated in two documents about the same year must agree within rounding.
    The comparisons that BL950 (last year's document), BL951 (the 预算) and
    BL952 (the 三公 table) make are left to them.

    Why it matters: a bureau reads the figures side by side; one of the two is wrong.

    Example: 2023决算.txt 「“三公”经费财政拨款支出决算为3.48万元」, 2023三公.txt
    「“三公”经费财政拨款支出决算3.84万元」.

    Fix: make the two documents agree.
    """
    for doc in ctx.ledgers:
        if doc.identity.year is None:
            continue  # never compared (its ledger is empty)
        budget = doc.identity.kind == "budget"  # a 预算 against a document of another kind is BL951's
        own = [q for q in doc.quantities if q.own and q.how == "stated"]
        for j, _, q, oq in ctx.disagreements(doc, own, how=("stated",), year=doc.identity.year,
                                             kinds=("budget",) if budget else NOT_BUDGET, earlier=True):
            other = ctx.ledgers[j]
            zh, en = _what(q)
            ctx.report(doc, q, other, oq, zh=f"{zh}为 {q.text}，与 {other.path} 所述 {oq.text} 不符",
                       en=f"{en} is {q.text} here, but {other.path} states {oq.text}")
