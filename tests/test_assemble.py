"""The assembler links a paragraph's pieces into facts, and builds them as validation would."""
from decimal import Decimal

from budgetlint.extract.assemble import extract_facts
from budgetlint.facts import Amount, Breakdown, Change, Rate, Share
from budgetlint.normalize import normalize
from budgetlint.segment import segment

TEXT = ("2023年度支出预算100万元，支出决算95万元，完成预算的95%。与上年相比，支出决算增加10万元，增长11.8%。"
        "其中：基本支出60万元，占支出决算的63.16%；项目支出35万元。\n")


def _facts():
    norm = normalize(TEXT)
    return extract_facts(norm, segment(norm))


def test_a_paragraph_read_into_linked_facts():
    fs = _facts()
    budget, actual, basic, project = fs.of(Amount)
    assert [(a.key, a.value.value, a.value.unit) for a in (budget, actual, basic, project)] == [
        ("支出|budget", 100, "万元"), ("支出|actual", 95, "万元"), ("基本支出", 60, "万元"), ("项目支出", 35, "万元")]
    (rate,) = fs.of(Rate)  # 95 ÷ 100: the budget and the actual of its sentence
    assert (rate.rate.value, rate.actual, rate.budget) == (95, actual.id, budget.id)
    (change,) = fs.of(Change)  # 「增加10万元，增长11.8%」 is one change of the actual
    assert (change.current, change.direction, change.amount.value, change.rate.value) == (actual.id, "up", 10, Decimal("11.8"))
    (share,) = fs.of(Share)  # 60 of the 95 listed after 「其中」
    assert (share.part, share.whole, share.value.value) == (basic.id, actual.id, Decimal("63.16"))
    (bd,) = fs.of(Breakdown)
    assert (bd.total, bd.items) == (actual.id, [basic.id, project.id])
    assert [f.id for f in fs.facts] == list(range(len(fs.facts)))  # each fact numbered by its place


def test_facts_built_without_validation_are_what_validation_builds():
    for f in _facts().facts:
        again = type(f).model_validate(f.model_dump())
        assert again == f and again.model_dump_json() == f.model_dump_json(), f
