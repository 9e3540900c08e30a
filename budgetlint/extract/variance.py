"""Variance lists: a total change followed by the changes of its parts.

「基本支出预算较上年增17.1万元。主要变动原因如下：1.工资福利支出较上年增18.67万元 …
2.商品和服务支出较上年减0.04万元 … 3.对个人和家庭补助支出较上年增加0.11万元」 and
「比上年减少18,987.42元，其中：基本支出减少994.42元，项目支出减少17,993元」. The total
change opens a list when a lead (其中, 如下, 具体) follows it in its paragraph; the
parts are the changes after that lead in the same paragraph, or the first
change of each numbered paragraph (1. 2. (1) …) that follows, up to a heading
or an unnumbered paragraph. Parts must be measured against the same base as
the total (上年 with 上年, 预算 with 预算); a numbered item without a change
makes the list incomplete, so it is not recorded. So does, in a paragraph, an
amount after the lead whose change is not given (「其中：因公出国（境）费支出0万元。」:
its previous value is unknown), and a breakdown of the same total elsewhere
with more items than the list has. Changes inside a part's bracket
(「公务用车费…（其中：购置费…减少48.7万元…）」) belong to that part, not to the list.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..facts import Amount, Breakdown, Change, ChangeBreakdown, FactSet
from ..normalize import Mapped
from ..segment import Sentence
from .subjects import is_heading, list_marker

_LEAD = re.compile(r"其中|如下|具体")
_PREV = re.compile(r"上年|去年|上期|上一年|同期|\d{4}年")


def _base_kind(ch: Change) -> str:
    return "budget" if "预算" in ch.base_label and not _PREV.search(ch.base_label) else "previous"


def _money(ch: Change) -> bool:
    return ch.amount is not None and ch.amount.is_money and ch.direction != "none"


def change_breakdowns(fs: FactSet, norm: Mapped, sentences: list[Sentence]) -> None:
    """Add a ``ChangeBreakdown`` for every total change whose parts' changes follow it."""
    changes = defaultdict(list)  # paragraph -> changes in order
    sent_para = {s.index: s.paragraph for s in sentences}
    for ch in fs.of(Change):
        if _money(ch) and ch.sentence in sent_para:
            changes[sent_para[ch.sentence]].append(ch)
    if not changes:
        return  # no change of money to break down
    amounts = defaultdict(list)
    for a in fs.of(Amount):
        if a.value.is_money and a.sentence in sent_para:
            amounts[sent_para[a.sentence]].append(a)
    by_para: dict[int, list[Sentence]] = defaultdict(list)
    for s in sentences:
        by_para[s.paragraph].append(s)
    paras = sorted(by_para)
    parent = {i: bd.total for bd in fs.of(Breakdown) for i in bd.items}
    for k, para in enumerate(paras):
        if not changes[para]:
            continue  # no total change here
        end = by_para[para][-1].end
        # each lead: where it ends in the original text, and whether the paragraph ends with it
        leads = [(norm.span(s.start + m.start(), s.start + m.end()).end, not norm.text[s.start + m.end():end].strip(" :：。"))
                 for s in by_para[para] for m in _LEAD.finditer(s.text)]
        for i, total in enumerate(changes[para]):
            lead = next(((at, last) for at, last in leads if at > total.span.end), None)
            if lead is None:
                continue
            items = [c for c in changes[para][i + 1:] if c.span.start >= lead[0] and _base_kind(c) == _base_kind(total)]
            if items:
                tops = {c.current for c in items} - {None}
                items = [c for c in items if parent.get(c.current) not in tops]  # a part's own bracket
                described = {c.current for c in items} | {c.previous for c in changes[para]}
                if any(a.id not in described and parent.get(a.id) not in described
                       for a in amounts[para] if lead[0] <= a.span.start < items[-1].span.end):
                    continue  # a part whose change is not given
            elif lead[1]:
                items = _numbered(paras[k + 1:], by_para, changes, _base_kind(total))
            if len(items) >= 2 and not _longer_breakdown(fs, total, len(items)):
                fs.add(ChangeBreakdown(span=total.span.cover(items[-1].span), sentence=total.sentence,
                                       text=total.text, total=total.id, items=[c.id for c in items]))
            break  # one list per paragraph


def _numbered(paras: list[int], by_para, changes, kind: str) -> list[Change]:
    """The first change of each numbered paragraph after a lead; empty when one item has none."""
    items = []
    for para in paras:
        first = by_para[para][0].text
        if is_heading(first) or not list_marker(first):
            break
        found = [c for c in changes[para] if _base_kind(c) == kind]
        if not found:
            return []
        items.append(found[0])
    return items


def _longer_breakdown(fs: FactSet, total: Change, n: int) -> bool:
    """Whether the total's amount is broken down elsewhere into more parts than the changes given."""
    cur = fs.get(total.current)
    if cur is None:
        return False
    for bd in fs.of(Breakdown):
        other = fs.get(bd.total)
        if other.value.value == cur.value.value and (other.key.endswith(cur.key) or cur.key.endswith(other.key)):
            if len(bd.items) > n:
                return True
    return False
