"""The words budgetlint reads figures by, in one place.

Units, comparison and direction words, and the names of rates. The clause
grammar's terminals (``@UNIT@``, ``@CMP@``, ``@DIR@`` … in
grammars/statements.lark, filled in by ``extract/parse.clause_parser``), the
regular expressions of the extractors, the fact types and the rules'
messages are all built from these constants, so a word added here is read
everywhere. Plain constants only: tuples, dicts and the ``alternation``
helper that turns a tuple into a regex.
"""
from __future__ import annotations

import re
from decimal import Decimal

# -- units -------------------------------------------------------------------
MONEY_UNITS: dict[str, Decimal] = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000),
                                   "万": Decimal(10000), "亿元": Decimal(10 ** 8), "亿": Decimal(10 ** 8)}
PERCENT_UNITS: tuple[str, ...] = ("%", "个百分点")
COUNT_UNITS: tuple[str, ...] = ("人次", "人", "名", "个", "辆", "次", "家", "项", "台(套)", "台", "套", "批次", "批",
                                "起", "件", "份")
# other quantities a clause may state (scores, areas, durations, freight): read, never added to money
OTHER_UNITS: tuple[str, ...] = ("万标箱", "标箱", "万吨", "吨", "万人次", "分", "亩", "平方米", "公里", "天", "小时")
UNITS: tuple[str, ...] = tuple(MONEY_UNITS) + PERCENT_UNITS + COUNT_UNITS + OTHER_UNITS

# -- comparison words: 「决算数{word}年初预算数」 -> relation of the left figure to the right one --------
COMPARISON: dict[str, str] = {
    "大于": ">", "高于": ">", "多于": ">", "超过": ">", "超出": ">",
    "小于": "<", "低于": "<", "少于": "<", "不足": "<",
    "等于": "=",
    "未超过": "<=", "未超出": "<=", "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=",
    "不低于": ">=", "不少于": ">=", "不小于": ">=",
}
# the same relations written as symbols (targets, rubrics: 「≥95%」)
COMPARISON_SYMBOLS: dict[str, str] = {"≥": ">=", "≧": ">=", ">=": ">=", ">": ">", "＞": ">",
                                      "≤": "<=", "≦": "<=", "<=": "<=", "<": "<", "＜": "<", "=": "=", "＝": "=", "═": "="}
# words that state a bound in a target (「力争达到95%以上」, 「控制在350万元」), on top of COMPARISON
TARGET_WORDS: dict[str, str] = {"至少": ">=", "达到": ">=", "达": ">=", "超": ">", "大于等于": ">=",
                                "小于等于": "<=", "控制在": "<="}
# words of one register: a wrong word is corrected within its register (少于 → 多于, 未超过 → 超过)
COMPARISON_REGISTERS: tuple[tuple[str, ...], ...] = (
    ("大于", "小于", "等于"), ("高于", "低于", "等于"), ("多于", "少于", "等于"), ("超过", "未超过"),
    ("不足", "超过", "等于"), ("超出", "未超出"), ("不超过", "超过"), ("不高于", "高于"), ("不多于", "多于"),
    ("不大于", "大于"), ("不低于", "低于"), ("不少于", "少于"), ("不小于", "小于"),
)
_HOLDS = {">": (">", ">="), "<": ("<", "<="), "=": ("=", "<=", ">=")}  # actual order -> relations that hold

# -- direction words of a change: 「比上年{word}20万元」 ------------------------------------------
UP_WORDS: tuple[str, ...] = ("增加", "增长率", "增长", "上升", "提高", "增幅", "增收", "增")  # 「较上年增17.1万元」
DOWN_WORDS: tuple[str, ...] = ("减少", "下降率", "下降", "降低", "节约", "节省", "压减", "压缩", "降幅", "减幅", "减收",
                               "减")
# words naming a change without its direction (「增减变动20万元」)
NEUTRAL_CHANGE_WORDS: tuple[str, ...] = ("增减变动",)
# 「与上年持平」: a change of zero
NO_CHANGE_WORDS: tuple[str, ...] = ("持平", "无增减变动", "无增减", "无变化")
DIRECTION: dict[str, str] = {**{w: "up" for w in UP_WORDS}, **{w: "down" for w in DOWN_WORDS},
                             **{w: "none" for w in NEUTRAL_CHANGE_WORDS}}

# -- rates ---------------------------------------------------------------------------------
# a named rate stated as an amount-like figure (「预算执行率为94.00%」) is a completion: actual ÷ budget
COMPLETION_RATE_NAMES: tuple[str, ...] = ("预算执行率", "执行率", "预算完成率", "完成率")
CONTROL_RATE_NAMES: tuple[str, ...] = ("控制率", "利用率", "使用率", "调整率", "调整比例", "支出进度")


def alternation(words, escape: bool = True) -> str:
    """A regex matching any of ``words``, longest first (so 万元 wins over 万, 未超过 over 超过)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in ordered)


def correct_comparison(word: str, actual: str) -> str:
    """The comparison word that holds for the ``actual`` order (>, <, =), in the register of ``word``."""
    register = next((r for r in COMPARISON_REGISTERS if word in r), COMPARISON_REGISTERS[0])
    return next(w for w in register + COMPARISON_REGISTERS[0] if COMPARISON[w] in _HOLDS[actual])


def direction(word: str) -> str:
    """up / down / flat / none for a change word (a trailing 了 ignored: 「减少了」)."""
    w = word.rstrip("了")
    if any(n in w for n in NO_CHANGE_WORDS + ("一致", "相同")):
        return "flat"  # 「与上年持平」, 「与上年一致」
    for known in sorted(DIRECTION, key=len, reverse=True):
        if w.startswith(known):
            return DIRECTION[known]
    return "none"


def convert(value: Decimal, unit: str, target: str) -> Decimal:
    """A money value in ``unit`` expressed in ``target`` (万元 → 亿元 …)."""
    return value * MONEY_UNITS[unit] / MONEY_UNITS[target]
