"""Who and when: the unit, year and kind of a document, read from its title and headings.

A disclosure names itself in its first lines: 「岳阳市人民政府口岸管理办公室
2024年部门预算」, 「2023 年度 / 泸州市口岸与物流办公室 / 部门决算」,
「某区文化馆2024年度“三公”经费支出情况说明」, 「2022年度项目支出绩效自评表
部门：永德县明朗中学」. Cross-document rules compare documents of the same
unit only, so a unit that cannot be read stays empty (never guessed), and a
config table ``[documents."GLOB"]`` can set or correct unit, year and kind
per file.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from pydantic import BaseModel, ConfigDict, field_validator

# kind code -> Chinese name; the order is the order in which a unit publishes them in a year
KINDS = {
    "budget": "预算",
    "final_accounts": "决算",
    "three_public": "三公说明",
    "project_evaluation": "项目支出绩效自评表",
    "overall_evaluation": "整体绩效自评",
}
KIND_EN = {"budget": "budget", "final_accounts": "final accounts", "three_public": "三公 statement",
           "project_evaluation": "project self-evaluation", "overall_evaluation": "overall self-evaluation"}
_KIND_BY_NAME = {**{v: k for k, v in KINDS.items()}, **{k: k for k in KINDS}, "三公": "three_public",
                 "三公 说明": "three_public"}

# Title words in order of precedence within one line: 「部门预算及“三公”经费预算」 is a 预算.
_KIND_WORDS = [
    ("project_evaluation", re.compile(r"项目(?:支出)?(?:绩效)?(?:自评|评价)")),
    ("overall_evaluation", re.compile(r"整体(?:支出)?(?:绩效)?(?:自评|评价)|部门整体绩效")),
    ("final_accounts", re.compile(r"(?:部门|单位)决算")),
    ("budget", re.compile(r"(?:部门|单位)预算")),
    ("three_public", re.compile(r"三公经费")),
    ("overall_evaluation", re.compile(r"绩效(?:自评|评价)")),
    ("final_accounts", re.compile(r"决算")),
    ("budget", re.compile(r"预算")),
]
_SQUASH = re.compile(r"[\s“”\"'‘’「」《》]")
_YEAR = re.compile(r"(20\d\d)年")
_YEARS = (re.compile(r"(20\d\d)\s*年度"), _YEAR)
_NAMED = re.compile(r"(?<!主管)(?:部门|单位|预算单位|填报单位|单位名称|部门名称)(?:\(公章\)|（公章）)?[:：]([^\s:：|,，;；]{3,40})")
_ORG = r"(?:办公室|管理局|局|委员会|委|中心|研究院|医院|卫生院|院|所|馆|站|队|人民政府|政府|街道办事处|办事处|镇|乡|" \
       r"学校|中学|小学|幼儿园|幼儿园|协会|联合会|学会|处|厅|部|办|社|团|会)"
_ORG_LINE = re.compile(rf"^[\u4e00-\u9fff()（）]{{3,38}}{_ORG}$")
_BEFORE_YEAR = re.compile(rf"^(?:[（(]?20\d\d[^)）]*[)）]|第[一二三四五六七八九十]+部分)?([\u4e00-\u9fff()（）]{{2,38}}?{_ORG})20\d\d年")
_AFTER_YEAR = re.compile(rf"20\d\d年度?([\u4e00-\u9fff()（）]{{2,38}}?{_ORG})(?:部门|单位|本级)?(?:20\d\d|“?三公|预算|决算|整体|项目)")
_PROFILE = re.compile(rf"^(?:第[一二三四五六七八九十]+部分[:：]?|[一二三四五六七八九十]+、)?([\u4e00-\u9fff()（）]{{2,38}}?{_ORG})(?:部门|单位)?(?:基本)?概况$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分[:：]?")
_NOT_UNIT = re.compile(r"^(?:本|我|该|全|各|市本级|区本级|县本级|镇本级)|部门$|单位$|公开$")
_HEAD_LINES = 15
_META = re.compile(r"索引号|主题分类|发文|发布机构|文号|来源|浏览|关键词|公开目录|发布日期|生成日期")
_FIELD_END = re.compile(r"(?:填报|联系|日期|收入|项目|金额|单位[:：]).*$")


class Identity(BaseModel):
    """Unit, year and kind of one document, and where each came from (``title`` or ``config``)."""

    unit: str = ""
    year: Optional[int] = None
    kind: str = ""
    stage: str = ""  # budget | final_accounts: which figures a 三公 说明 or a self-evaluation gives, from its title
    source: dict[str, str] = {}

    def label(self, lang: str = "zh") -> str:
        """The kind as a person reads it (预算, 决算 …); empty when unknown."""
        return (KIND_EN if lang == "en" else KINDS).get(self.kind, "")


class DocumentSetting(BaseModel):
    """``[documents."GLOB"]`` in a config file: unit, year and/or kind for the files GLOB matches."""

    model_config = ConfigDict(extra="forbid")
    unit: Optional[str] = None
    year: Optional[int] = None
    kind: Optional[str] = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: Optional[str]) -> Optional[str]:
        if kind is None:
            return None
        if kind.strip() not in _KIND_BY_NAME:
            raise ValueError(f"kind must be one of {', '.join(KINDS.values())} (or {', '.join(KINDS)})")
        return _KIND_BY_NAME[kind.strip()]


def fold_unit(name: str) -> str:
    """A unit name as compared across documents: no spaces, quotes, brackets or 「（公章）」."""
    s = _SQUASH.sub("", name).replace("（公章）", "").replace("(公章)", "")
    return s.replace("（", "(").replace("）", ")")


MIN_SUFFIX = 6  # the shortest unit name that may stand for a longer one it ends (「安居镇人民政府」)


def same_unit(a: str, b: str) -> bool:
    """Two folded unit names name one unit: equal, or one is the other with its region in front
    (「重庆市铜梁区安居镇人民政府」 and 「铜梁区安居镇人民政府」)."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (len(short) >= MIN_SUFFIX and long_.endswith(short))


def _head(text: str) -> list[str]:
    """The document's first non-blank lines, squashed (a title is often broken over lines)."""
    out = []
    for line in text.splitlines():
        s = _SQUASH.sub("", line).replace("|", "")
        if s and not _META.search(s):
            out.append(s)
            if len(out) == _HEAD_LINES:
                break
    return out


def _line_kind(line: str) -> str:
    """The kind a line names: that of the first title word it holds, in order of precedence."""
    return next((kind for kind, pat in _KIND_WORDS if pat.search(line)), "")


def _kind(lines: list[str]) -> str:
    for n, line in enumerate(lines):
        if len(line) > 80:  # prose, not a title; web pages run the title into the text of the first line
            if n:
                continue
            line = line[:60]
        kind = _line_kind(line)
        if kind:
            return kind
    return ""


def _titles(lines: list[str]) -> list[str]:
    """The lines that are titles: short, and naming a kind."""
    return [line for line in lines if len(line) <= 80 and _line_kind(line)]


def _stage(titles: list[str]) -> str:
    """Which figures the first title says the document gives."""
    first = titles[0] if titles else ""
    return "final_accounts" if "决算" in first else "budget" if "预算" in first else ""


def _unit(lines: list[str], text: str) -> str:
    """The unit named by a 「部门：」 field, a title line with its year, a 「…概况」 heading or a line of its own.

    Titles broken over lines give pieces (「中共上海市普陀区委」 / 「社会工作部2024年度」);
    a candidate that another candidate contains is such a piece, so the longer one is taken.
    """
    candidates: list[str] = []
    for line in lines:
        m = _NAMED.search(line)
        if m:
            candidates.append(_FIELD_END.sub("", m.group(1)))
    for line in lines:
        if len(line) <= 80:
            candidates += [m.group(1) for pat in (_BEFORE_YEAR, _AFTER_YEAR) for m in [pat.search(line)] if m]
    for line in text.splitlines() if "概" in text else ():  # 「XX部门概况」 headings name the unit anywhere
        m = _PROFILE.match(_SQUASH.sub("", line)) if "概" in line else None  # squashing every line costs
        if m:
            candidates.append(m.group(1))
            break
    candidates += [line for line in lines if _ORG_LINE.match(line)]
    found = [c for c in (_PART.sub("", re.sub(r"^\d{4}年度?", "", c)) for c in candidates)
             if len(c) >= 3 and not _NOT_UNIT.search(c)]
    return next((fold_unit(c) for c in found if not any(c != d and c in d for d in found)), "")


def _year(titles: list[str], text: str) -> Optional[int]:
    for line in titles:
        m = _YEAR.search(line) or re.search(r"(20\d\d)", line)
        if m:
            return int(m.group(1))
    return report_year(text)


def report_year(text: str) -> Optional[int]:
    """The year a document reports on: the most frequent 「20XX 年度」, else the most frequent 「20XX年」."""
    for pattern in _YEARS:
        years = Counter(pattern.findall(text))
        if years:
            return int(max(years, key=lambda y: (years[y], y)))
    return None


def read_identity(text: str) -> Identity:
    """Unit, year and kind from the first lines of ``text`` (and 「…概况」 headings for the unit)."""
    lines = _head(text)
    titles = _titles(lines)
    ident = Identity(unit=_unit(lines, text), year=_year(titles, text), kind=_kind(lines), stage=_stage(titles))
    ident.source = {k: "text" for k in ("unit", "year", "kind") if getattr(ident, k)}
    return ident


def identify(text: str, settings: list[DocumentSetting]) -> Identity:
    """The identity read from the text, with what the config says for this file put over it."""
    ident = read_identity(text)
    for s in settings:
        for key in ("unit", "year", "kind"):
            value = getattr(s, key)
            if value is not None:
                setattr(ident, key, fold_unit(value) if key == "unit" else value)
                ident.source[key] = "config"
    return ident
