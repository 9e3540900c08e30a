"""The same statements typed differently: full-width digits in a Word table, a space before 「%」.

Each document is checked against its plain-typed twin; expected findings are worked out by hand."""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
SCORES = ("| 指标 | 分值 | 得分 |\n|---|---|---|\n| 预算执行 | 50 | 48.5 |\n| 产出指标 | 50 | 45 |\n"
          "| 总分 | 100 | {total} |\n")


def loud(text: str) -> list[tuple[str, str]]:
    return [(f.code, text[f.span.start:f.span.end]) for f in lint(Document("t.md", text), Config()).findings
            if f.severity.value != "info"]


def test_a_score_table_in_full_width_digits_reads_as_its_plain_twin():
    """48.5 + 45 = 93.5: written ４８．５ and ９３．５ the table still adds up; ９４．５ is still one too many."""
    assert loud(SCORES.format(total="93.5").translate(FULL_WIDTH)) == []
    assert loud(SCORES.format(total="94.5").translate(FULL_WIDTH)) == [("BL503", "９４．５")]


def test_increase_or_decrease_of_a_full_width_zero_is_no_template_leftover():
    """「增加（减少）０万元」: with nothing changed both words are true, as for an ASCII 0."""
    text = "2019年因公出国（境）经费０万元，较上年增加（减少）０万元（０％）。\n"
    assert [c for c, _ in loud(text) if c == "BL911"] == []
    assert [c for c, _ in loud(text.replace("（减少）０万元", "（减少）２万元")) if c == "BL911"] == ["BL911"]


def test_a_named_rate_with_a_space_before_its_percent_sign():
    """满意度 stated as 85.34 % and later as 86.34%: the same rate, two values (BL314), space or not."""
    text = "服务对象满意度为85.34{gap}%。\n\n经调查，服务对象满意度为86.34%。\n"
    assert loud(text.format(gap="")) == [("BL314", "86.34")]
    assert loud(text.format(gap=" ")) == [("BL314", "86.34")]


def test_a_page_number_between_two_rows_does_not_cut_the_table():
    """PDF text leaves the footer 「— 2 —」 (or 「第2页」) between two rows of a table that runs over a page:
    the rows after it still belong to the table, whose 48.5 + 45 = 93.5 adds up."""
    lines = SCORES.format(total="93.5").splitlines()
    tsv = "\n".join(line.strip("| ").replace(" | ", "\t") for line in lines if "---" not in line)
    for table in ("\n".join(lines), tsv):
        for footer in ("— 2 —", "- 2 -", "第2页", "第 2 页 共 3 页"):
            rows = table.splitlines()
            paged = "\n".join(rows[:-2] + [footer] + rows[-2:]) + "\n"
            assert loud(paged) == [], (footer, paged)
            assert loud(paged.replace("93.5", "94.5")) == [("BL503", "94.5")], footer
