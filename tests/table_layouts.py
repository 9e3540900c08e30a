"""Generated standard tables and the text layouts documents carry them in (for the layout property test).

A table is a grid of cell texts (header rows first); every renderer writes
the same grid the way one kind of export or web page does. Values are worked
out here by the tables' own identities (三公 合计 = items, 增减额 = 本年 − 上年,
增减率 = 增减额 ÷ 上年; section 分值 = its indicators' 分值; 总分 = the scores;
执行率 = 全年执行数 ÷ 全年预算数 …), so a table is consistent unless a cell is
planted wrong.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import strategies as st

Grid = list[list[str]]

THREE_ROWS = [("total", "合计"), ("abroad", "1.因公出国(境)费"), ("reception", "2.公务接待费"),
              ("cars", "3.公务用车购置及运行费"), ("buy", "其中:公务用车购置费"), ("run", "公务用车运行费")]


def q2(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), ROUND_HALF_UP)


def fmt(v: Decimal) -> str:
    return f"{q2(v):.2f}"


money = st.integers(1, 99999).map(lambda n: Decimal(n) / 100)


@st.composite
def three_public_values(draw, years: int) -> list[dict[str, Decimal]]:
    """One dict of item amounts per year (or column), each adding up."""
    out = []
    for _ in range(years):
        v = {k: draw(money) for k in ("abroad", "reception", "buy", "run")}
        v["cars"] = v["buy"] + v["run"]
        v["total"] = v["abroad"] + v["cars"] + v["reception"]
        out.append(v)
    return out


@st.composite
def three_public_vertical(draw) -> Grid:
    """项目 | 预算数 (| 决算数), or 项目 | 上年决算数 | 本年决算数 | 增减额 | 增减率; 会议费/培训费 rows may follow."""
    shape = draw(st.sampled_from(["budget", "both", "change"]))
    if shape == "change":
        prev, cur = draw(three_public_values(2))
        grid = [["项目", "上年决算数", "本年决算数", "增减额", "增减率"]]
        for key, label in THREE_ROWS:
            d = cur[key] - prev[key]
            grid.append([label, fmt(prev[key]), fmt(cur[key]), fmt(d), fmt(d / prev[key] * 100) + "%"])
    else:
        cols = draw(three_public_values(1 if shape == "budget" else 2))
        grid = [["项目"] + (["预算数"] if shape == "budget" else ["预算数", "决算数"])]
        grid += [[label] + [fmt(c[key]) for c in cols] for key, label in THREE_ROWS]
    if draw(st.booleans()):
        grid += [["二、会议费"] + [fmt(draw(money)) for _ in grid[0][1:]],
                 ["三、培训费"] + [fmt(draw(money)) for _ in grid[0][1:]]]
    return grid


@st.composite
def three_public_horizontal(draw) -> Grid:
    """合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, a row per 预算数/决算数."""
    cols = draw(three_public_values(draw(st.integers(1, 2))))
    grid = [["项目", "合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
    for name, c in zip(["预算数", "决算数"], cols):
        grid.append([name] + [fmt(c[k]) for k in ("total", "abroad", "cars", "buy", "run", "reception")])
    return grid


@st.composite
def overall_score_table(draw) -> Grid:
    """整体评分表: 一级指标「部门决策(25分)」 | 二级指标「目标任务(15分)」 | 三级指标 | 分值 | 得分, and 总分."""
    grid = [["一级指标", "二级指标", "三级指标", "分值", "得分"]]
    total_w = total_s = 0
    for i in range(draw(st.integers(1, 3))):
        subs = [[(draw(st.integers(1, 9)), draw(st.integers(0, 9))) for _ in range(draw(st.integers(1, 3)))]
                for _ in range(draw(st.integers(1, 2)))]
        w1 = sum(w for sub in subs for w, _ in sub)
        for j, sub in enumerate(subs):
            w2 = sum(w for w, _ in sub)
            for k, (w, s) in enumerate(sub):
                s = min(s, w)
                total_w, total_s = total_w + w, total_s + s
                name1 = f"一级{i + 1}({w1}分)" if j == 0 and k == 0 else ""
                name2 = f"二级{i + 1}{j + 1}({w2}分)" if k == 0 else ""
                grid.append([name1, name2, f"指标{i + 1}{j + 1}{k + 1}", str(w), str(s)])
    grid.append(["总分", "", "", str(total_w), str(total_s)])
    return grid


@st.composite
def project_table(draw) -> Grid:
    """项目支出绩效自评表: the 项目资金 block (sources adding up, 执行率, 得分 = 分值 × 执行率), its indicators, 总分."""
    now = [draw(money) for _ in range(2)]
    initial, budget = [draw(money) + n for n in now], [draw(money) + n for n in now]
    executed = now
    tb, te = sum(budget), sum(executed)
    rate = q2(te / tb * 100)
    score = q2(min(rate, Decimal(100)) / 100 * 10)
    grid = [["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", fmt(sum(initial)), fmt(tb), fmt(te), "10", f"{rate:.2f}%", fmt(score)],
            ["其中:当年财政拨款", fmt(initial[0]), fmt(budget[0]), fmt(executed[0]), "", "", ""],
            ["上年结转资金", fmt(initial[1]), fmt(budget[1]), fmt(executed[1]), "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
    rows = [(draw(st.integers(5, 30)), draw(st.integers(0, 30))) for _ in range(draw(st.integers(1, 4)))]
    for k, (w, s) in enumerate(rows):
        grid.append(["产出指标" if k == 0 else "", "数量指标" if k == 0 else "", f"指标{k + 1}", "100", "100",
                     str(w), str(min(s, w))])
    total_w = 10 + sum(w for w, _ in rows)
    grid.append(["总分", "", "", "", "", str(total_w), fmt(score + sum(min(s, w) for w, s in rows))])
    return grid


def plant(grid: Grid, draw) -> Grid:
    """The same grid with one number cell changed by one unit of its last digit times 100 (never a rounding slip)."""
    cells = [(i, j) for i, row in enumerate(grid) for j, t in enumerate(row)
             if t and j > 0 and t.rstrip("%").replace(".", "").isdigit()]
    i, j = draw(st.sampled_from(cells))
    t = grid[i][j]
    pct = t.endswith("%")
    raw = t.rstrip("%")
    d = len(raw.split(".")[1]) if "." in raw else 0
    v = Decimal(raw) + Decimal(7)
    out = [list(r) for r in grid]
    out[i][j] = f"{v:.{d}f}" + ("%" if pct else "")
    return out


# ---------------------------------------------------------------------------
# layouts: every function writes the grid as one kind of document does

def markdown(grid: Grid) -> str:
    rows = ["| " + " | ".join(r) + " |" for r in grid]
    return "\n".join(rows[:1] + ["|" + "---|" * len(grid[0])] + rows[1:])


def pipes(grid: Grid) -> str:
    return "\n".join(" | ".join(r) for r in grid)


def pipes_trailing(grid: Grid) -> str:
    return "\n".join(" | ".join(r) + " |" for r in grid)


def pipes_dropped(grid: Grid) -> str:
    """Pipe rows whose empty cells the page dropped."""
    return "\n".join(" | ".join(t for t in r if t) + " |" for r in grid)


def tabs(grid: Grid) -> str:
    return "\n".join("\t".join(r) for r in grid)


def tab_indented(grid: Grid) -> str:
    """Word exports: one cell per tab-indented line, a lone tab for an empty cell."""
    return "\n".join("\t" + t for r in grid for t in r)


def cell_bar(grid: Grid) -> str:
    """One cell per line ending in " |"; an empty cell is a lone "|"."""
    return "\n".join(f"{t} |" if t else "|" for r in grid for t in r)


def between_bars(grid: Grid) -> str:
    """Cells on their own lines with a line holding only "|" after each."""
    out = []
    for r in grid:
        for t in r:
            if t:
                out.append(t)
            out.append("|")
    return "\n".join(out)


def blank_lines(grid: Grid) -> str:
    """Word cells one per paragraph, separated by blank lines; an empty cell is a paragraph of one space."""
    return "\n" + "\n\n".join(t or " " for r in grid for t in r)


def bare(grid: Grid) -> str:
    """One cell per line, nothing else; an empty cell is an empty line."""
    return "\n".join(t for r in grid for t in r)


LAYOUTS = [markdown, pipes, pipes_trailing, tabs, tab_indented, cell_bar, between_bars, blank_lines, bare]


def flattened(grid: Grid) -> str:
    """The whole table on one line, empty cells dropped."""
    return " ".join(t for r in grid for t in r if t)
