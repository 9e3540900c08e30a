"""The example documents: the demo is clean in every format; the errors version has exactly the
eight errors planted in it (listed in docs/final-accounts.md), each found at its place."""
from __future__ import annotations

from conftest import EXAMPLES, check_json

ERRORS = EXAMPLES / "final-accounts-errors.txt"


def _line_of(text: str, needle: str) -> int:
    (i,) = [i for i, ln in enumerate(text.split("\n"), 1) if needle in ln]
    return i


def test_demo_is_clean_in_txt_docx_xlsx():
    found = check_json(*(str(EXAMPLES / f"final-accounts-demo.{ext}") for ext in ("txt", "docx", "xlsx")))
    assert found == []


def test_errors_example_findings():
    text = ERRORS.read_text(encoding="utf-8")
    expected = {
        # 工资福利支出 880.00 = 400 + 310 (planted, was 300) + 100 + 50 + 30 = 890.00
        ("BL115", _line_of(text, "30101\t基本工资") - 1, "880.00"),
        # heading 「2023年度部门决算情况说明」 in a 2024 report
        ("BL913", _line_of(text, "2023年度部门决算情况说明"), "2023"),
        ("BL911", _line_of(text, "增长（下降）6.67%"), "增长（下降）"),
        # 850.00 / 1200.00 = 70.83%, not 70.38%
        ("BL612", _line_of(text, "占70.38%"), "70.38"),
        # 人员经费 910.00 in the prose, 人员经费合计 900.00 in the table
        ("BL610", _line_of(text, "人员经费910.00"), "910.00"),
        ("BL916", _line_of(text, "收入和支出。。"), "。。"),
        ("BL915", _line_of(text, "增长5.26。"), "5.26"),
        ("BL913", _line_of(text, "截至2023年12月31日"), "2023"),
    }
    found = check_json("--select", "BL11,BL12,BL61,BL91", str(ERRORS))  # this rule families
    assert {(f["code"], f["line"], f["statement"]) for f in found} == expected
    (bl610,) = [f for f in found if f["code"] == "BL610"]
    assert bl610["evidence"]["operands"][0]["line"] == _line_of(text, "人员经费合计\t")


def test_table_sum_difference_is_stated_minus_recomputed():
    """A table total short of its parts has a negative difference, like every other finding."""
    found = check_json("--select", "BL115,BL612", str(ERRORS))
    by_code = {f["code"]: f["evidence"] for f in found}
    # 工资福利支出 880.00 against 400 + 310 + 100 + 50 + 30 = 890.00: 880.00 − 890.00
    assert (by_code["BL115"]["stated"], by_code["BL115"]["recomputed"]) == ("880.00", "890.00")
    assert by_code["BL115"]["difference"] == "-10.00"
    # the share on the same page: 70.38% against 850.00 ÷ 1200.00 = 70.83%
    assert by_code["BL612"]["difference"] == "-0.45"
