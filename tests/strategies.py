"""Hypothesis strategies: consistent 决算说明 statements, rendered the way real documents write them.

A statement is generated from exact amounts in 元 (what the finance system
holds), converted to 万元 and rounded to 2 decimals one figure at a time, the
way an author fills in a template: totals are rounded on their own, shares and
rates are computed from the unrounded amounts. ``Statement`` keeps the stated
numbers as named slots so a test can re-render it with one number changed, and
an independent oracle (``clearly_wrong``) that says whether a set of stated
numbers is inconsistent by more than any rounding, tail or 100%-nudge allowance
could explain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from hypothesis import strategies as st

from budgetlint.normalize import normalize

D = Decimal
HUNDRED = D(100)
WAN = D(10000)
# Allowances of the oracle, deliberately wider than the linter's (so "clearly wrong"
# really is wrong): an amount may be off by half a unit, the 0.01 tail and a margin;
# a percentage by half a unit and one nudged last digit of its own precision, and a margin.
AMOUNT_SLACK = D("0.02")
MARGIN = D("0.005")


def pslack(p: D) -> D:
    """Allowance for a stated percentage, from the decimals it is written with."""
    unit = D(1).scaleb(p.as_tuple().exponent)
    return unit / 2 + unit + MARGIN

YEARS = ["2020", "2021", "2022", "2023", "2024"]

# Breakdown families: (total subject, item subjects); items are sampled from the pool.
FAMILIES = [
    ("收入合计", ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]),
    ("本年收入合计", ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入", "事业收入",
                 "经营收入", "附属单位上缴收入", "其他收入"]),
    ("支出合计", ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
    ("一般公共预算财政拨款支出", ["一般公共服务(类)支出", "教育支出", "科学技术(类)支出", "文化旅游体育与传媒(类)支出",
                       "社会保障和就业(类)支出", "卫生健康支出", "节能环保支出", "交通运输（类）支出",
                       "商业服务业等支出", "住房保障支出"]),
    ("财政拨款支出", ["一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "农林水支出", "交通运输支出",
                "资源勘探工业信息等支出", "住房保障支出", "灾害防治及应急管理支出"]),
    ("“三公”经费财政拨款支出决算", ["因公出国(境)费支出决算", "公务用车购置及运行维护费支出决算", "公务接待费支出决算"]),
    ("财政拨款基本支出", ["人员经费", "公用经费"]),
]
# What an item's share may say after 「占」: nothing (the list's total), or the total by name
SHARE_OF = ["", "{total}的", "本年{total}的"]
# Prose after an item (「…占基本支出的84.61%,主要包括基本工资、津贴补贴」)
ITEM_TAILS = ["", "，主要包括基本工资、津贴补贴、奖金", "，主要用于保障机构正常运转"]
LEADS = ["其中：", "其中:", "主要用于以下方面：", "主要用于以下方面:"]
# (part, whole as named in the share) for 「占本年支出合计的x%」 with the whole stated in an earlier paragraph
NAMED_WHOLES = [
    ("财政拨款支出", "支出合计", "本年支出合计"),
    ("一般公共预算财政拨款支出", "支出合计", "本年支出合计"),
    ("财政拨款收入", "收入合计", "本年收入合计"),
    ("人员经费", "基本支出", "基本支出"),
    ("公用经费", "基本支出", "基本支出"),
]
CHANGE_SUBJECTS = ["收入合计", "支出合计", "财政拨款收、支总计", "收、支总计", "财政拨款支出", "基本支出",
                   "“三公”经费财政拨款支出", "机关运行经费支出", "项目支出"]
COMPLETION_SUBJECTS = ["一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：",
                       "交通运输（类）港口设施（项）：", "公务接待费", "公务用车运行维护费", "“三公”经费财政拨款",
                       "住房保障（类）住房改革支出（款）住房公积金（项）："]
PROJECTS = ["口岸中心工作经费", "物流产业发展", "事业运行工作经费", "港口建设管理", "信息化建设"]
HEADINGS = ["一、收入支出决算总体情况说明", "（二）支出决算情况说明", "第三部分 名词解释"]
FILLER = HEADINGS + ["主要原因是我单位严格按照预算执行，厉行节约。", "本单位无政府性基金预算收支。"]


def wan(yuan: int) -> D:
    """元 → 万元, rounded half up to 2 decimals, as the finance software prints it."""
    return (D(yuan) / WAN).quantize(D("0.01"), ROUND_HALF_UP)


def pct(part, whole, decimals: int = 2) -> D:
    return (D(part) / D(whole) * HUNDRED).quantize(D(1).scaleb(-decimals), ROUND_HALF_UP)


percent_decimals = st.sampled_from([2, 2, 2, 1, 3])  # 「85.87%」, and 「96.2%」, 「99.996%」 in places


@dataclass(frozen=True)
class Slot:
    name: str
    unit: str  # "万元" or "%"


@dataclass(frozen=True)
class Word:
    """A word slot (大于/小于/等于) whose text is in ``Statement.values``."""

    name: str
    choices: tuple[str, ...]


@dataclass
class Statement:
    """A statement as pieces of text and named number slots, with its stated values."""

    kind: str
    pieces: list  # str | Slot | Word
    values: dict  # slot name -> Decimal, word name -> str
    clearly_wrong: Callable[[dict[str, D]], bool]
    perturbable: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the quantities it states (a document names each once)
    open_ended: bool = False  # items in paragraphs of their own: only a heading tells where the list ends

    def with_value(self, name: str, value: D) -> "Statement":
        return replace(self, values={**self.values, name: value})


@dataclass(frozen=True)
class Style:
    """How the document writes numbers and lines (all of these occur in real 决算说明)."""

    spaces: bool = False  # 「支出合计 921.87 万元」
    thousands: bool = False  # 「2,450.00」
    fullwidth: bool = False  # 「９２１．８７」
    fw_percent: bool = False  # 「８５．８７％」
    strip_zeros: bool = False  # 「475.2」 for 475.20, 「0」 for 0.00
    latex: bool = False  # 「占$51.55\\%$」 from PDF-to-Markdown converters
    wrap: int = 0  # lines broken every ``wrap`` characters by PDF extraction (0: one line per paragraph)
    crlf: bool = False
    ascii_punct: bool = False  # 「84.61%,主要」: half-width ，；： as some documents type them


def _styles(strip_zeros):
    return st.builds(Style, spaces=st.booleans(), thousands=st.booleans(), fullwidth=st.booleans(),
                     fw_percent=st.booleans(), strip_zeros=strip_zeros, latex=st.booleans(),
                     wrap=st.one_of(st.just(0), st.integers(24, 48)), crlf=st.booleans(), ascii_punct=st.booleans())


styles = _styles(st.booleans())
plain_2dp_styles = _styles(st.just(False))  # perturbed numbers keep their 2 decimals

_FW = str.maketrans("0123456789.", "０１２３４５６７８９．")


def number_text(v: D, style: Style) -> str:
    s = str(v)  # as many decimals as the value was rounded to
    if style.strip_zeros and "." in s:
        s = s.rstrip("0").rstrip(".")
    if style.thousands:
        head, _, tail = s.partition(".")
        head = f"{int(head):,}"
        s = head + ("." + tail if tail else "")
    if style.fullwidth:
        s = s.translate(_FW)
    return s


def render(pieces: list, values: dict[str, D], style: Style) -> str:
    """Text of the pieces with each slot's number written in ``style``."""
    out: list[str] = []
    for p in pieces:
        if isinstance(p, Slot):
            num = number_text(values[p.name], style)
            lead = " " if style.spaces and out and not out[-1].endswith(("：", ":", "，", "；", "(", "（", "\n")) else ""
            unit = "％" if (p.unit == "%" and style.fw_percent) else p.unit
            if p.unit == "%" and style.latex:
                num, unit = f"${num}", "\\%$"
            out.append(f"{lead}{num}{' ' if style.spaces and unit == '万元' else ''}{unit}")
        elif isinstance(p, Word):
            out.append(values[p.name])
        else:
            out.append(p)
    return "".join(out)


_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9０-９]")


def _breakable(line: str, rest: str) -> bool:
    """Where PDF extraction may break a line so that budgetlint rejoins it.

    Only full lines (20 characters once normalised) are continued. Reported limits of the
    rejoining: a line ending in punctuation (，；：), a next line opening
    with punctuation or a bracket, and a next line opening like a list marker (「0.00%」 reads as 「0.」)
    are taken as paragraph ends, and a number with thousands separators split over two lines is not
    read as one number, so breaks there are not generated.
    """
    seen = normalize(line, join_lines=False).text.strip()  # thousands separators gone, ，→ ,
    if len(seen) < 20 or not rest or not _CJK_OR_DIGIT.match(line[-1]) or not _CJK_OR_DIGIT.match(rest[0]):
        return False
    if re.search(r"[0-9０-９],[0-9０-９.．]*$", line) or re.match(r"[0-9０-９.．]*,[0-9０-９]", rest):
        return False  # inside 「1,000」: thousands separators are read before lines are rejoined
    if re.match(r"[0-9０-９,]+[、.．]", rest):
        return False
    # a line without punctuation over one that opens with a digit reads as a title
    return not (re.match(r"[0-9０-９]", rest) and not re.search("[,;:。]", seen))


def wrap(paragraph: str, width: int) -> str:
    """Break a paragraph into lines of about ``width`` characters, as PDF text extraction does."""
    lines, start = [], 0
    while len(paragraph) - start > width:
        cut = next((c for c in range(start + width, len(paragraph))
                    if _breakable(paragraph[start:c], paragraph[c:])), None)
        if cut is None:
            break
        lines.append(paragraph[start:cut])
        start = cut
    return "\n".join(lines + [paragraph[start:]])


# ---------------------------------------------------------------- amounts in 元

def yuan(max_wan: int = 50000):
    """An amount in 元 at realistic magnitudes, from a few hundred 元 to ``max_wan`` 万元."""
    return st.one_of(
        st.integers(100, 10 ** 6),
        st.integers(10 ** 6, 10 ** 8),
        st.integers(10 ** 4, max_wan * 10 ** 4),
    )


def _ratio_range(part: D, whole: D) -> tuple[D, D] | None:
    lo_w, hi_w = whole - AMOUNT_SLACK, whole + AMOUNT_SLACK
    if lo_w <= 0:
        return None
    lo = max(part - AMOUNT_SLACK, D(0)) / hi_w * HUNDRED
    hi = (part + AMOUNT_SLACK) / lo_w * HUNDRED
    return lo, hi


def share_clearly_wrong(part: D, whole: D, share: D) -> bool:
    r = _ratio_range(part, whole)
    return r is not None and (share + pslack(share) < r[0] or share - pslack(share) > r[1])


# ---------------------------------------------------------------- breakdowns

def year_prefixes(year: str, name: str) -> list[str]:
    """「2023年度」「2023年」「本年」 or nothing before a subject (never 「本年本年…」)."""
    return [f"{year}年度", f"{year}年", "" if name.startswith("本年") else "本年", ""]


@st.composite
def breakdowns(draw, year: str, with_shares=None) -> Statement:
    """「2023年度支出合计X万元，其中：基本支出A万元，占a%；项目支出B万元，占b%。」

    Items follow the lead in the same sentence (optionally numbered 「（1）」), or one
    per paragraph after 「其中：」 ends the sentence (numbered 「1、」 or not).
    """
    total_name, pool = draw(st.sampled_from(FAMILIES))
    names = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=min(8, len(pool)), unique=True))
    amounts = draw(st.lists(st.one_of(st.just(0), yuan()), min_size=len(names), max_size=len(names)))
    if not sum(amounts):
        amounts[draw(st.integers(0, len(names) - 1))] = draw(yuan())
    total = sum(amounts)
    shares = draw(st.booleans()) if with_shares is None else with_shares
    pd = draw(percent_decimals)
    bare_total = total_name.replace("本年", "").replace("“", "").replace("”", "")
    of = draw(st.sampled_from(SHARE_OF)).format(total=bare_total) if "三公" not in total_name else ""
    prefix = draw(st.sampled_from(year_prefixes(year, total_name)))
    layout = draw(st.sampled_from(["inline", "paragraphs"]))
    tail = draw(st.sampled_from(ITEM_TAILS)) if layout == "paragraphs" else ""
    lead = draw(st.sampled_from(LEADS if layout == "inline" else LEADS[:2]))
    marker = draw(st.sampled_from(["", "（{}）", "{}、", "{}."] if layout == "inline" else ["", "{}、", "（{}）"]))
    copula = draw(st.sampled_from(["", "为"]))
    item_copula = draw(st.sampled_from(["", "为"]))
    if layout == "paragraphs":
        item_sep = draw(st.sampled_from(["。\n", "；\n"]))
    else:
        item_sep = "；" if shares else draw(st.sampled_from(["；", "，"]))
    pieces: list = [f"{prefix}{total_name}{copula}", Slot("T", "万元"), f"，{lead}" + ("\n" if layout == "paragraphs" else "")]
    values = {"T": wan(total)}
    for i, (name, amount) in enumerate(zip(names, amounts)):
        if i:
            pieces.append(item_sep)
        pieces += [f"{marker.format(i + 1)}{name}{item_copula}", Slot(f"A{i}", "万元")]
        values[f"A{i}"] = wan(amount)
        if shares:
            pieces += [f"，占{of}", Slot(f"S{i}", "%")]
            values[f"S{i}"] = pct(amount, total, pd)
        pieces.append(tail)
    pieces.append("。")
    n = len(names)

    def clearly_wrong(v: dict[str, D]) -> bool:
        items = [v[f"A{i}"] for i in range(n)]
        if abs(sum(items) - v["T"]) > (n + 1) * AMOUNT_SLACK:
            return True
        if not shares:
            return False
        if abs(sum(v[f"S{i}"] for i in range(n)) - HUNDRED) > sum(pslack(v[f"S{i}"]) for i in range(n)):
            return True
        return any(share_clearly_wrong(v[f"A{i}"], v["T"], v[f"S{i}"]) for i in range(n))

    return Statement("breakdown", pieces, values, clearly_wrong, list(values), names=[total_name, *names],
                     open_ended=layout == "paragraphs")


# ---------------------------------------------------------------- shares of a named whole

@st.composite
def named_shares(draw, year: str) -> Statement:
    """「2023年度支出合计X万元。」 then, in a later paragraph, 「财政拨款支出Y万元，占本年支出合计的s%。」"""
    part_name, whole_name, whole_words = draw(st.sampled_from(NAMED_WHOLES))
    whole = draw(yuan())
    part = draw(st.integers(0, whole))
    gap = draw(st.lists(st.sampled_from(FILLER), max_size=2))
    de = draw(st.sampled_from(["的", ""]))
    pieces: list = [f"{year}年度{whole_name}", Slot("T", "万元"), "。\n"]
    pieces += [g + "\n" for g in gap]
    pieces += [f"{year}年度{part_name}", Slot("P", "万元"), f"，占{whole_words}{de}", Slot("S", "%"), "。"]
    values = {"T": wan(whole), "P": wan(part), "S": pct(part, whole, draw(percent_decimals))}

    def clearly_wrong(v):
        return share_clearly_wrong(v["P"], v["T"], v["S"])

    return Statement("named_share", pieces, values, clearly_wrong, ["P", "S", "T"], names=[part_name, whole_name])


# ---------------------------------------------------------------- year-over-year

@st.composite
def changes(draw, year: str) -> Statement:
    """「收入合计X万元，与上年相比，增加D万元，增长r%。」, with 比上年 / 较上年 / 同比 wordings,
    optionally stating last year's figure too (「上年收入合计Y万元」)."""
    current = draw(yuan())
    previous = draw(yuan())
    if previous == current:
        previous += 1
    up = current > previous
    diff = abs(current - previous)
    subject = draw(st.sampled_from(CHANGE_SUBJECTS))
    prefix = draw(st.sampled_from(year_prefixes(year, subject)))
    amount_verb = "增加" if up else "减少"
    rate_verb = draw(st.sampled_from(["增长", "增加"] if up else ["下降", "减少"]))
    both = draw(st.booleans())
    if both:
        base = draw(st.sampled_from(["，", "，比上年", "，与上年相比，"]))
        lasts = [f"上年{subject}", "上年为"] + ([f"{int(year) - 1}年{subject}"] if year in prefix else [])
        last = draw(st.sampled_from(lasts))
        pieces: list = [f"{prefix}{subject}", Slot("X", "万元"), f"，{last}", Slot("Y", "万元")]
    else:
        base = draw(st.sampled_from(["，与上年相比，", "，与上年相比", "，比上年", "，较上年", "，同比",
                                     f"，与{int(year) - 1}年相比，", f"，比{int(year) - 1}年"]))
        pieces = [f"{prefix}{subject}", Slot("X", "万元")]
    repeat = draw(st.sampled_from(["", subject.replace("“", "").replace("”", "")])) if base.endswith("相比，") else ""
    again = "同比" if base == "，同比" and draw(st.booleans()) else ""
    pieces += [base, f"{repeat}{amount_verb}", Slot("D", "万元"), f"，{again}{rate_verb}", Slot("R", "%"), "。"]
    values = {"X": wan(current), "D": wan(diff), "R": pct(diff, previous, draw(percent_decimals))}
    if both:
        values["Y"] = wan(previous)

    def clearly_wrong(v):
        x, d, r = v["X"], v["D"], v["R"]
        if both:
            # Known limit (reported): with both years stated, the amount and the rate are checked against
            # the years, not against each other (「0.02万元，上年0.03万元，减少0.05万元，下降19.60%」 passes).
            return _change_contradicts_years(x, v["Y"], d, r, up)
        prev = x - d if up else x + d  # each of x and d may be off by the slack
        lo_prev, hi_prev = prev - 2 * AMOUNT_SLACK, prev + 2 * AMOUNT_SLACK
        if lo_prev <= 0:
            return False  # the previous value may be ~0: no rate can be checked
        lo, hi = max(d - AMOUNT_SLACK, D(0)) / hi_prev * HUNDRED, (d + AMOUNT_SLACK) / lo_prev * HUNDRED
        return r + pslack(r) < lo or r - pslack(r) > hi

    return Statement("change", pieces, values, clearly_wrong, list(values), names=[subject])


def _change_contradicts_years(x: D, y: D, d: D, r: D, up: bool) -> bool:
    """Both years stated: the direction, the amount |x − y| and the rate |x − y| ÷ y."""
    if (up and x < y - 2 * AMOUNT_SLACK) or (not up and x > y + 2 * AMOUNT_SLACK):
        return True
    if abs(abs(x - y) - d) > 3 * AMOUNT_SLACK:
        return True
    if y - AMOUNT_SLACK <= 0:
        return False
    lo = max(abs(x - y) - 2 * AMOUNT_SLACK, D(0)) / (y + AMOUNT_SLACK) * HUNDRED
    hi = (abs(x - y) + 2 * AMOUNT_SLACK) / (y - AMOUNT_SLACK) * HUNDRED
    return r + pslack(r) < lo or r - pslack(r) > hi


# ---------------------------------------------------------------- completion rates and comparisons

@st.composite
def completions(draw, compare: bool | None = None) -> Statement:
    """「年初预算为B万元，支出决算为A万元，完成年初预算的r%，决算数大于年初预算数的主要原因是…」"""
    budget = draw(yuan())
    actual = draw(st.one_of(st.just(budget), yuan(), st.integers(max(budget - 5000, 0), budget + 5000)))
    form = draw(st.sampled_from(["initial", "budget"] if compare else ["initial", "budget", "project", "rate"]))
    subject = draw(st.sampled_from(COMPLETION_SUBJECTS))
    compare = (draw(st.booleans()) if compare is None else compare) and form in ("initial", "budget")
    name = subject
    if form == "initial":
        pieces: list = [f"{subject}年初预算为", Slot("B", "万元"), "，支出决算为", Slot("A", "万元"),
                        "，完成年初预算的", Slot("R", "%")]
        right = "年初预算数"
    elif form == "budget":
        pieces = [f"{subject}支出预算为", Slot("B", "万元"), "，支出决算为", Slot("A", "万元"),
                  "，完成预算的", Slot("R", "%")]
        right = "预算数"
    elif form == "project":
        name = draw(st.sampled_from(PROJECTS)) + "项目"
        pieces = [f"{name}全年预算数", Slot("B", "万元"), "，执行数为", Slot("A", "万元"),
                  "，完成预算的", Slot("R", "%")]
    else:
        name = "全年预算数"
        pieces = ["全年预算数为", Slot("B", "万元"), "，执行数为", Slot("A", "万元"), "，预算执行率为", Slot("R", "%")]
    values = {"B": wan(budget), "A": wan(actual), "R": pct(actual, budget, draw(percent_decimals))}
    if compare:
        values["CMP"] = "大于" if actual > budget else ("小于" if actual < budget else "等于")
        pieces += ["，决算数", Word("CMP", ("大于", "小于", "等于")), f"{right}的主要原因是：严格按照预算数执行"]
    pieces.append("。")

    def clearly_wrong(v):
        if share_clearly_wrong(v["A"], v["B"], v["R"]):
            return True
        gap = v["A"] - v["B"]  # 大于/小于 may hold whenever rounding allows it; 等于 within the tails
        return {None: False, "大于": gap < 0, "小于": gap > 0, "等于": abs(gap) > 2 * AMOUNT_SLACK}[v.get("CMP")]

    return Statement("completion", pieces, values, clearly_wrong, ["A", "B", "R"], names=[name])


# ---------------------------------------------------------------- documents

def _root(name: str) -> str:
    """A quantity's name without quotes, 本年, (类) and the 支出/决算 ending, to keep documents free of restatements."""
    for junk in ("“", "”", "本年", "(类)", "（类）", "、"):
        name = name.replace(junk, "")
    for tail in ("支出决算", "决算", "支出", "收入", "：", "项目"):
        name = name.removesuffix(tail)
    return name


def distinct_quantities(stmts: list[Statement]) -> bool:
    roots = [_root(n) for s in stmts for n in set(s.names)]
    return len(roots) == len(set(roots))


@dataclass
class Rendered:
    text: str
    statements: list[tuple[int, int]]  # [start, end) of each statement in text


def render_document(stmts: list[Statement], style: Style, fillers: list[list[str]]) -> Rendered:
    """Statements as paragraphs, each preceded by its filler paragraphs (headings, prose without numbers)."""
    newline = "\r\n" if style.crlf else "\n"
    text, spans = "", []
    for stmt, before in zip(stmts, fillers):
        text += "".join(line + newline for line in before)
        body = render(stmt.pieces, stmt.values, style)
        if style.ascii_punct:
            body = body.translate(str.maketrans("，；：", ",;:"))
        if style.wrap:
            body = "\n".join(wrap(para, style.wrap) for para in body.split("\n"))
        body = body.replace("\n", newline)
        spans.append((len(text), len(text) + len(body)))
        text += body + newline
    return Rendered(text, spans)


def any_statement(year: str):
    return st.one_of(breakdowns(year), named_shares(year), changes(year), completions())


@st.composite
def documents(draw, max_statements: int = 4):
    """One to ``max_statements`` statements about different quantities, rendered in one style."""
    year = draw(st.sampled_from(YEARS))  # a document reports on one year
    stmts = draw(st.lists(any_statement(year), min_size=1, max_size=max_statements).filter(distinct_quantities))
    fill = draw(st.lists(st.lists(st.sampled_from(FILLER), max_size=2), min_size=len(stmts), max_size=len(stmts)))
    for i in range(1, len(stmts)):
        if stmts[i - 1].open_ended and not set(fill[i]) & set(HEADINGS):
            fill[i] = [draw(st.sampled_from(HEADINGS))] + fill[i]  # as documents do: the next section has a heading
    return stmts, fill
