"""The text table readers find their lines from one classification of every line (``line_classes``).

Each reader used to walk every line of the document with its own tests; they now read one letter per
line, computed once. These tests pin down what each reader takes from it, on small hand-written texts
whose offsets and cells are counted by hand.
"""
from __future__ import annotations

from budgetlint.document import Document
from budgetlint.tables.readers import line_classes, read_pipe, read_tab_separated, read_tables, split_lines


def test_split_lines_gives_each_line_with_its_offset():
    # "ab" starts at 0, "" at 3, "cde" at 4, "" (after the final break) at 8
    assert split_lines("ab\n\ncde\n") == [(0, "ab"), (3, ""), (4, "cde"), (8, "")]
    assert split_lines("") == [(0, "")]


def test_line_classes_mark_tabs_pipes_and_widths():
    lines = split_lines("\n".join([
        "",            # e: empty
        "   ",         # 0: blank
        "合计",         # a: 2 characters
        "x" * 15,      # b: 15 characters
        "y" * 41,      # c: 41 characters
        "z" * 61,      # d: longer than 60
        "a\tb",        # t: a tab
        "a | b",       # p: a pipe, no tab
        " | ",         # o: pipes only
        "\t|",         # q: pipes only, with a tab
    ]))
    assert line_classes(lines) == "e0abcdtpoq"


def test_a_line_of_text_between_two_tab_lines_ends_the_tab_table():
    text = "项目\t金额\n合计\t10\n\n人员经费\t6\n说明文字\n公用经费\t4\n"
    lines = split_lines(text)
    tables = read_tab_separated(lines, line_classes(lines))
    # the blank line keeps the first table open; 「说明文字」 ends it, so the last row is a table of its own
    assert [[r.texts() for r in t.rows] for t in tables] == [
        [["项目", "金额"], ["合计", "10"], ["人员经费", "6"]],
        [["公用经费", "4"]],
    ]
    assert tables[0].rows[2].cells[1].span.start == text.index("6")


def test_a_bare_line_joins_a_pipe_run_only_beside_a_line_of_pipes():
    text = "前言\n\n|\n合计\n|\n10\n|\n\n正文一段\n"
    lines = split_lines(text)
    tables = read_pipe(lines, line_classes(lines))
    # 「合计」 and 「10」 stand between lines of pipes: cells of one run (the first | closes an empty cell);
    # 「前言」 and 「正文一段」, a blank line away from the pipes, do not
    assert len(tables) == 1
    cells = [c.text for r in tables[0].rows for c in r.cells]
    assert cells == ["", "合计", "10"]
    assert (tables[0].span.start, tables[0].span.end) == (text.index("|"), text.index("10") + 2)


def test_cells_written_as_paragraphs_keep_a_two_line_cell_whole():
    # a 三公 table written one cell per paragraph (Word), one cell broken over two lines
    cells = ["项目", "预算数", "决算数", "因公出国（境）费", "1", "1", "公务用车购置及", "运行维护费", "2", "2",
             "公务接待费", "3", "3"]
    paragraphs = []
    for c in cells:
        if c == "运行维护费":
            paragraphs[-1] += "\n" + c
        else:
            paragraphs.append(c)
    text = "“三公”经费支出表\n\n" + "\n\n".join(paragraphs) + "\n"
    tables = read_tables(Document(path="t.txt", text=text))
    assert len(tables) == 1
    read = [c.text for r in tables[0].rows for c in r.cells if c.text]
    assert "公务用车购置及运行维护费" in read and "运行维护费" not in read
    car = next(c for r in tables[0].rows for c in r.cells if c.text == "公务用车购置及运行维护费")
    assert (car.span.start, car.span.end) == (text.index("公务用车购置及"), text.index("运行维护费") + 5)


def test_a_table_without_score_words_gets_no_score_items():
    text = "科目\t预算数\t决算数\n人员经费\t6\t5\n公用经费\t4\t4\n合计\t10\t9\n"
    (table,) = read_tables(Document(path="t.txt", text=text))
    assert table.scores is None
    scored = "指标\t分值\t得分\n产出\t60\t58\n效益\t40\t40\n总分\t100\t98\n"
    (table,) = read_tables(Document(path="t.txt", text=scored))
    assert [(it.kind, it.weight.text, it.score.text) for it in table.scores.items] == [
        ("item", "60", "58"), ("item", "40", "40"), ("total", "100", "98")]
