"""Which table cells count in coverage: every cell a recognised table reads, and the others only when
they may be part of a checkable statement (not an index column, a year, a date, a page number, a count,
an identifier). Expected counts are worked out by hand from the rows below."""
from __future__ import annotations

from budgetlint.extract.coverage import unread_numbers
from budgetlint.model import Span
from budgetlint.tables.model import Cell, Row, Table


def table(*rows: list[str]) -> tuple[Table, dict[str, int]]:
    """A text table of the given rows, cells laid end to end; also the start of each cell by its text."""
    out, pos, starts = [], 0, {}
    for texts in rows:
        cells = []
        for t in texts:
            cells.append(Cell(text=t, span=Span(start=pos, end=pos + len(t))))
            starts.setdefault(t, pos)
            pos += len(t) + 1
        out.append(Row(cells=cells, span=cells[0].span.cover(cells[-1].span)))
    return Table(rows=out), starts


def test_index_column_year_and_date_do_not_count():
    # 行次 1 2 3 (a run counting up), 2021 (a year), 4 月 22 日 (a date): only 5.23 and 3.23 count
    t, _ = table(["项目", "行次", "金额"], ["合计", "1", "5.23"], ["出国", "2", "0"], ["接待", "3", "3.23"],
                 ["填报日期", "2021", "年", "4", "月", "22", "日"])
    assert unread_numbers(t, set(), set()) == (3, 3)  # 5.23, 0, 3.23


def test_counts_identifiers_and_page_numbers_do_not_count():
    t, _ = table(["因公出国(境)团组数(个)", "2"], ["公务用车保有量(辆)", "1"], ["文号", "31"],
                 ["二、机构设置.....", "10"], ["公务接待费", "150000"])
    assert unread_numbers(t, set(), set()) == (1, 1)  # 150000 alone


def test_a_cell_a_table_reads_always_counts():
    # 1 2 3 would be an index column, but a recognised table reads 2: it counts, read
    t, starts = table(["a", "1"], ["b", "2"], ["c", "3"])
    assert unread_numbers(t, {starts["2"]}, set()) == (1, 0)


def test_integers_that_do_not_count_up_are_values():
    t, _ = table(["分值", "10", "10", "9", "100"])
    assert unread_numbers(t, set(), set()) == (4, 4)


def test_a_glossed_copys_table_does_not_count():
    # labels with pinyin glosses (a mirror copy): unreadable like its glossed prose lines
    t, _ = table(["三公經(jīng)費項目", "5.23"], ["公務(wù)用車購置費", "0.00"], ["公務(wù)接待費", "2.00"])
    assert unread_numbers(t, set(), set()) == (0, 0)
