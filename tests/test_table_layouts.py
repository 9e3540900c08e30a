"""Property: the same table written in every layout is rebuilt into the same grid and gives the same findings.

Tables are generated consistent (see ``table_layouts``), then possibly with
one number changed; whatever the layout (Markdown, pipes with or without
outer pipes, empty cells dropped, tabs, one cell per line tab-indented, ending
in " |", between lines of pipes, bare, or as paragraphs), budgetlint must
read the same cells and report the same thing: nothing for a consistent
table, a finding for a planted error.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import analyse, lint
from table_layouts import (LAYOUTS, flattened, markdown, overall_score_table, pipes_dropped, project_table,
                           three_public_horizontal, three_public_vertical)

KINDS = {
    "three_vertical": (three_public_vertical(), "2021年“三公”经费支出情况统计表\n单位:万元\n"),
    "three_horizontal": (three_public_horizontal(), "2021年“三公”经费支出情况统计表\n单位:万元\n"),
    "overall": (overall_score_table(), "部门整体支出绩效自评表\n"),
    "project": (project_table(), "项目支出绩效自评表\n"),
}
EVERY = LAYOUTS + [pipes_dropped]


def plantable(kind: str, grid) -> list[tuple[int, int]]:
    """Cells that take part in an identity: amounts of 三公 items, 分值/得分, the 项目资金 block."""
    out = []
    for i, row in enumerate(grid):
        for j, t in enumerate(row):
            if not t or j == 0 or not t.rstrip("%").lstrip("-").replace(".", "").isdigit():
                continue
            if kind.startswith("three") and row[0] in ("二、会议费", "三、培训费"):
                continue
            if kind == "project" and i > 4 and j < 5:
                continue  # indicator targets and actual values: no identity
            out.append((i, j))
    return out


def plant(grid, cell):
    i, j = cell
    t = grid[i][j]
    pct, raw = t.endswith("%"), t.rstrip("%")
    d = len(raw.split(".")[1]) if "." in raw else 0
    out = [list(r) for r in grid]
    out[i][j] = f"{float(raw) + 7:.{d}f}" + ("%" if pct else "")
    return out


def grid_read(ctx) -> list:
    """What the reader rebuilt: 三公 cells by item and column, score items with 分值 and 得分, fund rows."""
    tp = [{item: [c.text if c else "" for c in row] for item, row in t.cells.items()} for t in ctx.three_public]
    sc = [[(it.kind, it.label, it.weight and it.weight.text, it.score and it.score.text,
            it.budget and it.budget.text, it.executed and it.executed.text, it.rate and it.rate.text)
           for it in t.items if it.weight or it.score or it.budget] for t in ctx.score_tables]
    return [tp, sc]


def findings(text: str):
    result = lint(Document("t.txt", text), Config())
    return sorted((f.code, f.evidence.stated, f.evidence.recomputed) for f in result.findings
                  if f.code != "BL901")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data())
def test_every_layout_reads_the_same_table(kind, data):
    strategy, title = KINDS[kind]
    grid = data.draw(strategy)
    planted = data.draw(st.booleans())
    if planted:
        grid = plant(grid, data.draw(st.sampled_from(plantable(kind, grid))))
    seen = {}
    for layout in EVERY:
        text = title + layout(grid) + "\n"
        ctx = analyse(Document("t.txt", text), Config())
        seen[layout.__name__] = (grid_read(ctx), findings(text))
    first = seen["markdown"]
    assert first[0] != [[], []], "the Markdown table was not read"
    for name, got in seen.items():
        assert got[0] == first[0], f"{name} rebuilt a different grid"
        assert got[1] == first[1], f"{name} gave different findings"
    codes = {c for c, _, _ in first[1]}
    if planted:
        assert codes & {"BL119", "BL123", "BL124", "BL501", "BL502", "BL503", "BL520", "BL521", "BL522"}, first[1]
    else:
        assert first[1] == [], first[1]


@settings(max_examples=15, deadline=None)
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data())
def test_a_table_flattened_onto_one_line_is_read_as_a_stream_or_not_at_all(kind, data):
    """A 三公 table on one line still gives the findings of its Markdown form; other tables give none (BL125)."""
    strategy, title = KINDS[kind]
    grid = data.draw(strategy)
    if data.draw(st.booleans()):
        grid = plant(grid, data.draw(st.sampled_from(plantable(kind, grid))))
    got = findings(title + flattened(grid) + "\n")
    if kind.startswith("three"):
        assert got == findings(title + markdown(grid) + "\n")
    else:
        assert [f for f in got if f[0] != "BL125"] == []


@given(st.lists(st.sampled_from(["一级指标", "二级指标", "评分标准", "分值", "得分", "说明", "其他说明", "和", "指标",
                                 " ", "\u3000", "\r", "\t", "x", "分", "一", "其他", "5"]), max_size=7))
def test_pdftotext_header_lines_are_found_in_one_pass_as_line_by_line(words):
    """The pdftotext reader finds its candidate header lines with one search over the text: exactly the
    lines made of header words only that the line-by-line test accepts, wherever the line stands."""
    from budgetlint.tables.layout import _HEADER_LINES, _is_header_line

    line = "".join(words)
    text = "上一行\n" + line + "\n下一行"
    found = {m.start() for m in _HEADER_LINES.finditer("\n" + text)}
    assert (4 in found) == _is_header_line(line)
