"""A third-party rule pack, as a province would ship it: one rule through the public decorator."""
from budgetlint.checks import rule
from budgetlint.facts import Amount
from budgetlint.model import Severity


@rule("BLX01", "province-cap", Severity.WARNING)
def province_cap(ctx) -> None:
    """会议费超过省定上限 — a province's own cap on 会议费 (example pack)."""
    for a in ctx.facts.of(Amount):
        if "会议费" in a.entity and a.value.is_money and a.value.value > 10:
            ctx.report(a.value.span, zh="会议费超过省定上限10万元", en="会议费 above the provincial cap of 10 万元")
