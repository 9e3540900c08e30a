"""Subjects: split a written subject into entity and role, and fold it into a ledger key.

「“三公”经费财政拨款支出预算」 → entity 「三公经费财政拨款支出」, role ``budget``;
「本年支出合计」 and 「支出合计」 share the key 「支出合计」. Keys let shares,
breakdowns and duplicate checks find the quantity a phrase names.
"""
from __future__ import annotations

import re
from functools import lru_cache

_ROLES = [
    (re.compile(r"(?:年初预算数?|年初预算安排)$"), "budget_initial"),
    (re.compile(r"(?:调整后预算数?|调整预算数?|全年预算数?|预算调整数|预算总额|预算总规模)$"), "budget_full"),
    (re.compile(r"(?:预算数|预算)$"), "budget"),
    (re.compile(r"(?:决算数|决算|执行数|实际支出数?|实际执行数?|实际完成数?|支出数)$"), "actual"),
]
ROLE_WORDS = {
    "budget_initial": "年初预算", "budget_full": "全年预算", "budget": "预算", "actual": "决算",
}
_DROP = re.compile(r"[“”\"'‘’《》、,，·\s]|[(（](?:类|款|项)[)）]")
_LEAD = re.compile(
    r"^(?:\d{4}年度?|\d{4}年年度|\(\d+\)|\d+[、.]|[一二三四五六七八九十]+是|其中|本部门|本单位|我单位|我办|部门|单位|全年|本年度?|当年|年度|截至|截止|主要是|主要用于|共有|共)+"
)
_TAIL = re.compile(r"(?:的|中|为|共计|是|分别|约|近|达)+$")
_YEAR = re.compile(r"\d{4}年度?")
_THIS_YEAR = re.compile(r"^本年")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")
_MARKER = re.compile(r"^\s*(?:\d{1,2}[、.．](?!\d)|[(（]\d{1,2}[)）])")
_SYNONYMS = {"收支总计": "收支总计", "收入支出总计": "收支总计"}


@lru_cache(maxsize=4096)
def clean(subject: str) -> str:
    """Subject text without dates, list markers, quotes and filler words at either end.

    Asked again and again of the same subjects (entity, key, standard quantity): answers are kept."""
    s = _YEAR.sub("", subject.strip())
    s = _LEAD.sub("", s)
    s = _DROP.sub("", s)
    s = s.replace("支出支出", "支出")
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s)
        s = _TAIL.sub("", s)
    return s


@lru_cache(maxsize=4096)
def entity_role(subject: str) -> tuple[str, str]:
    """The entity a subject names and its role (``""`` for none). Asked of the same subjects by the
    assembler, the rules and the ledger: answers are kept."""
    s = clean(subject)
    for pattern, role in _ROLES:
        m = pattern.search(s)
        if m:
            return s[: m.start()], role
    return s, ""


@lru_cache(maxsize=4096)
def subject_key(entity: str, role: str = "") -> str:
    """The ledger key of an entity in a role (answers kept, as for ``entity_role``)."""
    e = clean(entity)
    e = _THIS_YEAR.sub("", e)
    e = _SYNONYMS.get(e, e)
    return f"{e}|{role}" if role else e


def role_of_label(label: str) -> str:
    """Role named by a comparison or completion label such as 「年初预算数」 or 「决算数」."""
    return entity_role(label)[1]


def is_budget(role: str) -> bool:
    return role.startswith("budget")


def is_heading(text: str) -> bool:
    """Section headings close open lists: 一、 (一) 第一部分 …"""
    return bool(_HEADING.match(text))


def list_marker(text: str) -> bool:
    """Numbered list items: 1、 1. (1)"""
    return bool(_MARKER.match(text))


# Quantities every 预决算 disclosure names the same way; only these are matched
# across sections for restatements (free-text subjects are too ambiguous).
STANDARD_QUANTITIES = (
    "收入合计", "支出合计", "收支总计", "收入总计", "支出总计", "财政拨款收入", "财政拨款支出",
    "财政拨款收支总计", "财政拨款基本支出", "财政拨款项目支出", "基本支出", "项目支出",
    "人员经费", "公用经费", "三公经费财政拨款支出", "三公经费支出", "因公出国(境)费支出",
    "公务接待费支出", "公务用车购置费", "公务用车运行维护费", "公务用车购置及运行维护费支出",
    "机关运行经费支出", "机关运行经费", "政府采购支出总额", "会议费", "培训费", "上级补助收入",
    "事业收入", "经营收入", "其他收入", "年初结转和结余", "年末结转和结余",
)


@lru_cache(maxsize=4096)
def is_standard(entity: str) -> bool:
    """Whether an entity names one of ``STANDARD_QUANTITIES`` (answers kept, as for ``entity_role``)."""
    e = clean(entity)
    return any(e == q or e.endswith(q) and len(e) - len(q) <= 12 for q in STANDARD_QUANTITIES)
