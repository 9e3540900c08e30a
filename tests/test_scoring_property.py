"""Property: a score table that adds up is quiet; one changed score or 分值 is always reported."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint

CONFIG = Config(select=["BL5"])

item = st.tuples(st.integers(1, 20), st.integers(0, 20), st.sampled_from(["", ".5", ".25"]))
tables = st.lists(st.lists(item, min_size=1, max_size=4), min_size=1, max_size=3)


def render(sections, bump_score=None, bump_weight=None) -> str:
    """A Markdown score table whose section 分值 and 总分 are the true sums, except for the bumped cell."""
    lines = ["| 一级指标 | 三级指标 | 分值 | 得分 |", "|---|---|---|---|"]
    total_w, total_s, k = 0, Decimal(0), 0
    for i, rows in enumerate(sections):
        sec_w = sum(w for w, _, _ in rows)
        total_w += sec_w
        for j, (w, s, frac) in enumerate(rows):
            score = min(Decimal(s), Decimal(w) - 1) + (Decimal(frac or "0") if s < w else 0)
            total_s += score
            shown_s = score + (1 if bump_score == k else 0)
            shown_w = w + (1 if bump_weight == k else 0)
            head = f"指标组{i + 1}（{sec_w}分）" if j == 0 else ""
            lines.append(f"| {head} | 指标{i + 1}-{j + 1} | {shown_w} | {shown_s} |")
            k += 1
    lines.append(f"| 总分 |  | {total_w} | {total_s} |")
    return "\n".join(lines) + "\n"


def codes(text: str) -> list[str]:
    return [f.code for f in lint(Document("t.md", text), CONFIG).findings]


@settings(max_examples=25, deadline=None)
@given(tables, st.data())
def test_consistent_tables_are_quiet_and_changes_are_caught(sections, data):
    assert codes(render(sections)) == []
    n = sum(len(r) for r in sections)
    k = data.draw(st.integers(0, n - 1))
    assert "BL503" in codes(render(sections, bump_score=k))
    assert "BL502" in codes(render(sections, bump_weight=k))
