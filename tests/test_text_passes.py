"""The text passes around the parser, written for speed: each must still give what the plain reading gives."""
from decimal import Decimal

from budgetlint.extract.hygiene import find_hygiene
from budgetlint.extract.scoreclaims import find_claims
from budgetlint.extract.stage import _union
from budgetlint.model import Span
from budgetlint.normalize import Mapped, normalize
from budgetlint.segment import segment


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_clauses_leave_out_the_spaces_around_them_and_the_end_marks_of_their_sentence():
    text = " 收入12万元 , 支出 9万元。。 结余3万元！\n合计 ；。"
    sentences = segment(Mapped.identity(text))
    assert [s.text for s in sentences] == [" 收入12万元 , 支出 9万元。。", " 结余3万元！", "合计 ；。"]
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert sentences[0].clauses == [_at(text, "收入12万元"), _at(text, "支出 9万元")]
    assert sentences[1].clauses == [_at(text, "结余3万元")]
    assert sentences[2].clauses == [_at(text, "合计")]  # 「。」 alone after the ； is no clause


def test_a_table_row_left_in_the_text_is_no_sentence():
    text = "项目\t金额\n收入合计  100.00\n说明：收入100万元。"
    assert [s.text for s in segment(Mapped.identity(text))] == ["说明：收入100万元。"]


def test_sentences_after_table_rows_and_blank_lines_keep_their_line_and_only_their_clauses():
    text = "收入1万元。\n项目\t金额，合计\n \t \n\n支出2万元， 结余 。  \n  "
    sentences = segment(Mapped.identity(text))
    assert [(s.paragraph, s.text) for s in sentences] == [(0, "收入1万元。"), (4, "支出2万元， 结余 。")]
    assert sentences[0].clauses == [_at(text, "收入1万元")]
    assert sentences[1].clauses == [_at(text, "支出2万元"), _at(text, "结余")]


def test_a_squeezed_text_starting_with_spaces_maps_each_character_back():
    text = "  得 分\n9"
    out = Mapped.identity(text, offset=5).without(" \n")
    assert out.text == "得分9"
    assert [out.span(i, i + 1).start for i in range(3)] == [7, 9, 11]
    assert out.span(0, 3) == Span(start=7, end=12)


def test_every_full_width_form_of_a_text_is_made_plain_however_often_it_comes():
    assert normalize("１，２，３％　４：（一）").text == "1,2,3% 4:(一)"


def test_a_section_score_broken_over_lines_is_read_and_a_bare_header_is_not():
    text = "分值\t得分。\n其中部门决\n策满分 20分，得分19.9分。"  # 「分值」 with no number after it is a header
    claims = find_claims(normalize(text), lambda span: False)
    assert [(c.label, c.weight.value, c.value.value) for c in claims if c.claim == "section"] == \
        [("部门决策", Decimal("20"), Decimal("19.9"))]


def test_placeholders_are_runs_of_x_times_or_stars_outside_words():
    found = [h.text for h in find_hygiene("预算XX万元，XXL号，WXX，××项，***，**，ｘ") if h.what == "placeholder"]
    assert found == ["XX", "××", "***"]


def test_offsets_in_any_of_overlapping_or_touching_tables_are_in_a_table():
    spans = _union(Span(start=a, end=b) for a, b in [(5, 10), (0, 3), (8, 12), (12, 14), (20, 20)])
    assert spans == [[0, 3], [5, 14], [20, 20]]
