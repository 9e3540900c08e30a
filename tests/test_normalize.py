"""Normalisation keeps an offset map back to the characters the author wrote."""
from __future__ import annotations

from budgetlint.model import Span
from budgetlint.normalize import Mapped, normalize


def _back(text, norm, needle):
    i = norm.text.index(needle)
    s = norm.span(i, i + len(needle))
    return text[s.start:s.end]


def test_thousands_separators_and_fullwidth_digits_map_back():
    text = "收入合计５７,３７３.０２万元，占９９．９６％。"
    norm = normalize(text)
    assert "收入合计57373.02万元" in norm.text
    assert _back(text, norm, "57373.02") == "５７,３７３.０２"
    assert _back(text, norm, "99.96%") == "９９．９６％"


def test_only_commas_grouping_digits_in_threes_are_dropped_on_every_line():
    text = "支出1,234,567.5元\n编号12,34与1,2345不变\n\n收入 2,000,000 元，结余0,500"
    norm = normalize(text)
    assert norm.text == "支出1234567.5元\n编号12,34与1,2345不变\n\n收入2000000元,结余0500"
    assert _back(text, norm, "1234567.5") == "1,234,567.5" and _back(text, norm, "2000000元") == "2,000,000 元"


def test_latex_delimiters_and_spacing_commands_are_dropped_with_their_offsets_kept():
    text = r"合计$\left(1+2\right)\,{3}$元"
    norm = normalize(text)
    assert norm.text == "合计(1+2)3元"
    assert _back(text, norm, "3元") == "3}$元"


def test_latex_fragments_become_operators():
    text = r"执行率 = $\Sigma (85.07\% + 102.83\%) \div 2 \times 1 \leq 100\%$"
    norm = normalize(text)
    assert "Σ (85.07% + 102.83%) ÷ 2 × 1 ≤ 100%" in norm.text
    assert _back(text, norm, "102.83%") == r"102.83\%"


def test_space_between_cjk_and_number_is_dropped_but_table_gaps_kept():
    assert normalize("收、支总计 753.18 万元").text == "收、支总计753.18万元"
    assert normalize("3  2  有结余").text == "3  2  有结余"


def test_spaces_between_a_number_and_its_unit_or_percent_are_dropped():
    """PDF text puts one or more spaces there (「下降 4.03  %」); a gap between a label and a number stays."""
    text = "比上年下降 4.03  %，支出 80   万元，公务接待费   150000"
    norm = normalize(text)
    assert norm.text == "比上年下降4.03%,支出80万元,公务接待费   150000"  # full-width commas folded by NFKC
    assert _back(text, norm, "4.03%") == "4.03  %" and _back(text, norm, "80万元") == "80   万元"


def test_paragraph_broken_by_pdf_extraction_is_rejoined():
    text = "2.公务用车购置及运行维护费支出3.12万元，完成预算\n\n100%。公务用车购置及运行维护费支出决算比上年减少。"
    norm = normalize(text)
    assert "完成预算100%。" in norm.text
    assert _back(text, norm, "100%") == "100%"


def test_headings_and_titles_are_not_joined_to_the_next_line():
    text = "某区文化馆2024年度“三公”经费支出情况说明\n\n2024年度支出合计1.00万元。\n一、收入支出决算总体情况说明\n收入合计1万元。"
    norm = normalize(text)
    assert norm.text.count("\n") == text.count("\n")


def test_pdf_heading_ending_in_a_space_stays_apart_from_its_paragraph():
    text = "（二）一般公共预算财政拨款支出决算结构情况 \n一般公共预算财政拨款支出 9746.50 万元，主要用于以下方\n面：社会保障和就业支出。"
    norm = normalize(text)
    assert norm.text.startswith("(二)一般公共预算财政拨款支出决算结构情况 \n一般公共预算")
    assert "主要用于以下方面:社会保障" in norm.text


def test_list_items_ending_in_a_semicolon_stay_one_per_line():
    # 「人员经费…；\n公用经费…。」: one item per paragraph, each ending in ；, is a list, not a wrapped line
    text = "其中：\n事业收入0.00万元，主要包括基本工资、津贴补贴、奖金；\n经营收入0.04万元，主要包括基本工资、津贴补贴、奖金。"
    assert normalize(text).text.count("\n") == 2


def test_a_lead_ending_its_line_keeps_the_list_below_it():
    text = "2023年度财政拨款基本支出468.3万元，其中：\n人员经费396.21万元，占基本支出的84.61%。"
    assert normalize(text).text.count("\n") == 1


def test_without_drops_characters_and_keeps_each_remaining_offset():
    text = "得分 9\n0分，\u3000满分100分"
    out = Mapped.identity(text, offset=10).without(" \t\r\n\u3000")
    assert out.text == "得分90分，满分100分"
    # every remaining character still maps to where it was written
    spans = [out.span(i, i + 1) for i in range(len(out.text))]
    assert [text[s.start - 10] for s in spans] == list(out.text) and all(s.end == s.start + 1 for s in spans)
    assert [s.start for s in spans] == [10, 11, 13, 15, 16, 17, 19, 20, 21, 22, 23, 24]
    assert out.span(1, 4) == Span(start=11, end=16)  # 「分90」 reaches over the space and the line break


def test_a_line_wrapped_after_a_percent_or_before_a_comma_is_rejoined():
    """PDF text wraps wherever the line is full: after 「100%」, or just before a 「，」 (no line of its own
    starts with a comma). The sentence is read whole, so the 2.23 of this 三公 item stays in its list."""
    text = "公务接待费支出预算为2.23万元，支出决算为2.23万元，完成预算的100%\n，决算数等于预算数的主要原因是严格执行规定。"
    assert normalize(text).text == ("公务接待费支出预算为2.23万元,支出决算为2.23万元,完成预算的100%,"
                                    "决算数等于预算数的主要原因是严格执行规定。")
    wrapped = "公务接待费支出预算为2.23万元，支出决算为2.23万元，完成预算的\n100%，决算数等于预算数。"
    assert "\n" not in normalize(wrapped).text
