"""Link the pieces of clauses into facts, with sentence and paragraph context.

Context rules, each small:
- a share belongs to the amount just before it; its whole is the total of the
  list that amount is an item of, or the quantity its own words name (ledger);
- an amount whose subject is only a role (「支出决算为…」) inherits the entity
  of the amount before it in the same sentence;
- 其中 / 「…如下：」 / 「主要用于以下方面：」 open a list whose items follow in the
  same sentence; a 其中 that ends its sentence opens a list over the following
  paragraphs (numbered 1、2、… or one amount per paragraph) until a heading;
  a 其中 that starts a sentence lists the parts of the amount stated before it;
- a change (增加/减少 …) describes the nearest amount before it in its paragraph;
- a completion rate (完成预算的X%) relates the budget and actual amounts of its sentence.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..facts import (MONEY, Amount, Breakdown, Change, Comparison, Completion, FactSet, Num,
                    Share, Unparsed)
from .enumerations import find_enumerations
from .expressions import find_expressions
from .variance import change_breakdowns
from ..normalize import Mapped
from .parse import CMP_WORD, HAS_DIGIT, Piece, count_checkable_numbers, parse_clause
from ..segment import Sentence
from .subjects import entity_role, is_budget, is_heading, list_marker, role_of_label, subject_key

_PREVIOUS = re.compile(r"上年|去年|上期|上一年|同期")
_OTHER_PERIOD = re.compile(r"上年|去年|上期|上一年|同期|预算|\d{4}年")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_RATE_SUBJECT = re.compile(r"(?<!季度)(?<!平均)(?:预算执行率|执行率|预算完成率|完成率)$")
_PARTIAL_LEAD = re.compile(r"主要(?:有|包括|是)|包括|例如|如:")  # 「其中主要有…」 lists only some items
_ETC = re.compile(r"\s*(?:万元|亿元|千元|元|万|亿)?\s*(?:等|左右)")  # 「…23.44万元等」
_UP = ("增加", "增长", "上升", "提高", "增幅", "增")
_DOWN = ("减少", "下降", "降低", "节约", "节省", "压减", "压缩", "降幅", "减幅", "减")


def _year_of(a: Amount) -> Optional[int]:
    m = _YEAR.search(a.subject)
    return int(m.group(1)) if m else None


def _direction(word: str) -> str:
    w = word.rstrip("了")
    if w.startswith("增减"):
        return "none"
    if w.startswith(_UP):
        return "up"
    if w.startswith(_DOWN):
        return "down"
    return "none"


def _unit_family(n: Num) -> str:
    if n.is_money:
        return "money"
    if n.is_percent:
        return "percent"
    return n.unit or ""


@dataclass
class _List:
    """A list opened by a lead, collecting items until it closes."""

    totals: list[Amount]
    label: str
    span_start: int
    numbered: Optional[bool] = None
    items: list[list[Amount]] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # the text that opens each item (「1、…（类）…（项）」)
    partial: bool = False


def extract_facts(norm: Mapped, sentences: list[Sentence]) -> FactSet:
    """All facts of a document."""
    fs = Assembler(norm).run(sentences)
    change_breakdowns(fs, norm, sentences)
    for e in find_enumerations(norm, sentences):
        fs.add(e)
    return fs


class Assembler:
    def __init__(self, norm: Mapped):
        self.norm = norm
        self.fs = FactSet()
        self.ledger: dict[str, list[int]] = defaultdict(list)
        self.by_suffix: dict[str, list[int]] = defaultdict(list)
        self.item_of: dict[int, int] = {}  # amount id -> breakdown total id
        self.norm_end: dict[int, int] = {}  # amount id -> normalised offset just after its number
        self.base_amounts: set[int] = set()  # 「比上年累计支出285万元…」: the figure compared against

    # -- helpers -----------------------------------------------------------
    def _num(self, tok, offset: int) -> Num:
        text = tok.text
        dec = len(text.split(".")[1]) if "." in text else 0
        return Num(text=text, value=Decimal(text), decimals=dec, unit=tok.unit,
                   span=self.norm.span(offset + tok.start, offset + tok.end), approx=tok.approx)

    def _span(self, start: int, end: int):
        return self.norm.span(start, end)

    def lookup(self, key: str, before: int) -> Optional[Amount]:
        """Nearest amount stated before fact ``before`` whose key is ``key`` (else ends with it)."""
        for index in (self.ledger, self.by_suffix if len(key) >= 2 else {}):
            ids = index.get(key, [])  # ascending: facts are entered in document order
            k = bisect.bisect_left(ids, before)
            if k:
                return self.fs.facts[ids[k - 1]]
        return None

    def _enter(self, key: str, fact_id: int) -> None:
        """Record an amount under its key, and under every suffix of it for 「占…的x%」 look-ups."""
        self.ledger[key].append(fact_id)
        for i in range(1, len(key) - 1):
            self.by_suffix[key[i:]].append(fact_id)

    # -- driver ------------------------------------------------------------
    def run(self, sentences: list[Sentence]) -> FactSet:
        open_list: Optional[_List] = None
        paragraphs: dict[int, list[Sentence]] = defaultdict(list)
        for s in sentences:
            paragraphs[s.paragraph].append(s)
        for para in sorted(paragraphs):
            sents = paragraphs[para]
            first = sents[0].text
            if open_list is not None:
                if is_heading(first):
                    self._close(open_list)
                    open_list = None
                else:
                    marked = list_marker(first)
                    if open_list.numbered is None:
                        open_list.numbered = marked
                    if open_list.numbered and marked:
                        open_list.items.append([])
                        open_list.headings.append(first)
                    elif open_list.numbered and not open_list.items:
                        self._close(open_list)
                        open_list = None
            para_amounts: list[Amount] = []
            item_started = len(open_list.items) if open_list else 0
            for s in sents:
                lead_total = self._sentence(s, para_amounts)
                if lead_total is not None:
                    if open_list is not None:
                        self._close(open_list)
                    open_list = _List(totals=lead_total, label=s.text, span_start=s.start)
            if open_list is not None and open_list.totals and not any(a in open_list.totals for a in para_amounts):
                if open_list.numbered is False:
                    if para_amounts:
                        open_list.items.append(list(para_amounts))
                        open_list.headings.append(sents[0].text)
                    else:
                        self._close(open_list)
                        open_list = None
                elif open_list.numbered and open_list.items and item_started <= len(open_list.items):
                    open_list.items[-1].extend(para_amounts)
        if open_list is not None:
            open_list.partial = bool(sentences) and sentences[-1].cut  # the excerpt stops inside the list
            self._close(open_list)
        self._wholes_stated_later()
        return self.fs

    def _wholes_stated_later(self) -> None:
        """「（一）…850088.3元，占支出总预算78.33%；（二）…」 before the total is stated: the whole is the
        amount that the listed parts add up to, stated anywhere in the document (named by value, since
        the later sentence may word it differently: 「财政拨款收支总预算1085203.63元」)."""
        groups: dict[str, list[Share]] = defaultdict(list)
        for sh in self.fs.of(Share):
            part = self.fs.get(sh.part)
            ent, role = entity_role(sh.whole_subject)
            if sh.whole is None and ent and part is not None and part.value.is_money:
                groups[subject_key(ent, role)].append(sh)
        by_value: dict[tuple, Amount] = {}
        for a in self.fs.of(Amount):
            if a.value.is_money:
                by_value.setdefault((a.value.value * MONEY[a.value.unit]).normalize(), a)
        for group in groups.values():
            whole = None
            scaled = [self.fs.get(sh.part).value.value * MONEY[self.fs.get(sh.part).value.unit] for sh in group[:40]]
            prefix = [Decimal(0)]
            for v in scaled:
                prefix.append(prefix[-1] + v)
            for i in range(len(scaled)):  # the longest run of parts that adds up to a stated amount
                for j in range(len(scaled), i + 1, -1):
                    whole = whole or by_value.get((prefix[j] - prefix[i]).normalize())
            if whole is not None:
                for sh in group:
                    sh.whole = whole.id

    def _close(self, lst: _List) -> None:
        kept = [(h, it) for h, it in zip(lst.headings, lst.items) if it]
        items = [it for _, it in kept]
        if len(items) < 1 or not lst.totals:
            return
        stated_totals = {(t.value.text, t.value.unit) for t in lst.totals}
        restating = [a for it in items for a in it if (a.value.text, a.value.unit) in stated_totals or "累计" in a.subject]
        if len(items) > 1 and restating and any(a.value.value for it in items for a in it if a not in restating):
            return  # items restating the total, or running totals: not parts of it (unless the others are all 0)
        for total in lst.totals:
            chosen, headings = [], []
            for heading, it in kept:
                same = [a for a in it if a.role == total.role and _unit_family(a.value) == _unit_family(total.value)]
                if not same and len(lst.totals) == 1:
                    same = [a for a in it if _unit_family(a.value) == _unit_family(total.value)]
                if same:
                    chosen.append(same[0])
                    headings.append(heading)
            if chosen:
                self._breakdown(total, chosen, lst.label, headings, partial=lst.partial)
        # 「其中：\n1、基本支出60万元，占60%。」: a share that names no whole is a share of its list's total,
        # which was not known yet when its paragraph was read
        for f in self.fs.facts[lst.totals[0].id:]:
            if isinstance(f, Share) and f.whole is None and not f.whole_subject and f.part in self.item_of:
                f.whole = self.item_of[f.part]

    def _breakdown(self, total: Amount, items: list[Amount], label: str, headings: Optional[list[str]] = None,
                   partial: bool = False) -> None:
        if total.value.unit is None:
            return  # bare numbers (table cells flattened into a line, 「公开01表」) are no quantities to add up
        span = total.span.cover(items[-1].span)
        self.fs.add(Breakdown(span=span, sentence=total.sentence, total=total.id, items=[a.id for a in items],
                              role=total.role, label=label[:60], headings=headings or [], partial=partial))
        for a in items:
            self.item_of[a.id] = total.id

    # -- one sentence --------------------------------------------------------
    def _sentence(self, s: Sentence, para_amounts: list[Amount]) -> Optional[list[Amount]]:
        """Facts of one sentence; returns the list totals when the sentence ends with an open lead."""
        stated_before = [a for a in para_amounts if a.id not in self.item_of]
        amounts: list[Amount] = []
        lead_at: Optional[int] = None
        lead_total: Optional[Amount] = None
        item_sep: Optional[str] = None
        items: list[Amount] = []
        shares: list[tuple[Share, Optional[str]]] = []
        entity = ""
        base_label = ""
        compared = ""  # 「公务接待费支出决算比预算…」: what the next change is about, when no amount states it
        last_change: Optional[Change] = None
        open_lead = False
        lead_clause_end = -1
        lead_words = ""
        lead_depth = 0
        subs: dict[int, list[Amount]] = {}  # list item id -> the amounts of its bracket (「21万元（购置费0万元、运行费21万元）」)
        written = [self.fs.add(e) for e in find_expressions(self.norm, s.start, s.text, s.index)]
        covered = [(e.span.start, e.span.end) for e in written]
        for ci, (cs, ce) in enumerate(s.clauses):
            text = self.norm.text[cs:ce]
            src = self._span(cs, ce)
            if any(a < src.end and src.start < b for a, b in covered):
                n = count_checkable_numbers(text)
                self.fs.numbers_seen += n
                self.fs.numbers_used += n
                continue
            sep = self.norm.text[cs - 1] if cs > 0 else ""
            if not HAS_DIGIT.search(text) and not CMP_WORD.search(text) and "其中" not in text and not text.endswith((":", "中", "如下")):
                last_change = None
                continue
            pieces = parse_clause(text)
            n_check = count_checkable_numbers(text)
            self.fs.numbers_seen += n_check
            if pieces is None:
                if n_check:
                    self.fs.add(Unparsed(span=self._span(cs, ce), sentence=s.index, text=text, numbers=n_check))
                continue
            used = 0
            prev_kind = None
            for p in pieces:
                if (p.kind == "amount" and p.subject and p.number.unit == "%" and _RATE_SUBJECT.search(p.subject.text)
                        and "序时" not in s.text):  # quarterly rates are 支出进度 ÷ 序时进度: checks/control_rates.py
                    self._completion(p, cs, s, text, amounts)  # 「预算执行率为94.00%」
                    used += 1
                elif p.kind == "amount":
                    if (prev_kind == "change" and last_change is not None and last_change.rate is None
                            and p.number.unit == "%" and p.subject is not None and p.subject.text.strip() == "("):
                        last_change.rate = self._num(p.number, cs)  # 「较上年减少1.5万元（42.86%）」
                        last_change.span = last_change.span.cover(self._span(cs + p.start, cs + p.end))
                        used += 1
                        prev_kind = "change"
                        continue
                    if prev_kind == "base" and p.subject is None and _OTHER_PERIOD.search(base_label):
                        a = self._amount(p, cs, s, entity, subject=base_label)  # the base's own figure
                        self.base_amounts.add(a.id)
                    else:
                        a = self._amount(p, cs, s, entity)
                        entity = a.entity or entity
                        compared = ""
                    amounts.append(a)
                    para_amounts.append(a)
                    used += a.value.is_money or a.value.is_percent
                    if lead_at is not None and items and _depth(s.text, cs + p.number.start - s.start) > lead_depth:
                        subs.setdefault(items[-1].id, []).append(a)
                    elif lead_at is not None and not open_lead:
                        this_sep = "、" if prev_kind == "amount" or self.norm.text[cs + p.start - 1:cs + p.start] == "、" else sep
                        if items and item_sep is None:
                            item_sep = this_sep
                        if not items or _weaker_or_equal(this_sep, item_sep):
                            items.append(a)
                        else:
                            lead_at = None
                elif p.kind == "share":
                    if p.other is not None:
                        part = self.lookup(subject_key(*entity_role(p.other.text)), len(self.fs.facts))
                    else:
                        part = amounts[-1] if amounts else None
                    sh = Share(span=self._span(cs + p.start, cs + p.end), sentence=s.index, text=text,
                               value=self._num(p.number, cs), part=part.id if part else None,
                               whole_subject=p.subject.text if p.subject else "")
                    shares.append((self.fs.add(sh), p.subject.text if p.subject else None))
                    used += 1
                elif p.kind == "change":
                    last_change = self._change(p, cs, s, text, para_amounts, base_label, compared, last_change if prev_kind == "change" or (ci and last_change) else None)
                    used += 1
                elif p.kind == "completion":
                    self._completion(p, cs, s, text, amounts)
                    used += 1
                elif p.kind == "base":
                    base_label = (p.other.text if p.other else (p.subject.text if p.subject else ""))
                    if p.other is not None and entity_role(p.subject.text)[0]:
                        compared = p.subject.text
                elif p.kind == "compare":
                    if p.number is None:
                        self._compare(p, cs, s, text, para_amounts)
                    else:
                        used += 1  # 「满意度大于95%」: a claim about one figure, nothing to recompute
                elif p.kind in ("lead", "subject"):
                    is_lead = p.kind == "lead" or p.subject.text.endswith("如下")
                    if p.kind == "subject" and p.subject.text.endswith("中") and not amounts:
                        # 「2023年度“三公”经费财政拨款支出决算中，…」: a lead only if it names a known quantity
                        lead_total = self.lookup(subject_key(*entity_role(p.subject.text)), len(self.fs.facts))
                        is_lead = lead_total is not None
                    depth = _depth(s.text, cs + p.end - s.start)
                    if is_lead and lead_at is not None and items and depth > lead_depth:
                        is_lead = False  # 「…382.58万元（其中：购置费18.85万元…）」: the bracket breaks down the last item
                    if is_lead:
                        lead_depth = depth
                        lead_words = text[p.start:p.end]
                        lead_at = len(amounts)
                        ends_sentence = p is pieces[-1] and cs + p.end >= ce
                        lead_clause_end = cs + p.end if ends_sentence and "其中" in text else -1
                        items = []
                        item_sep = None
                        open_lead = False
                prev_kind = p.kind
            self.fs.numbers_used += min(used, n_check)
            if pieces and pieces[-1].kind not in ("change",):
                last_change = None if pieces[-1].kind != "change" else last_change
        # in-sentence list
        if lead_at is not None and items:
            total = amounts[lead_at - 1] if lead_at > 0 else lead_total
            if total is None and stated_before:
                total = stated_before[-1]  # 「…支出3.12万元。其中：购置费0万元，运行维护费3.12万元。」
            if total is not None and total not in items:
                same = [a for a in items if _unit_family(a.value) == _unit_family(total.value)]
                if same:
                    after = self.norm.text[self.norm_end[same[-1].id]:s.end]
                    partial = bool(_PARTIAL_LEAD.search(lead_words) or _ETC.match(after)) or s.cut
                    self._breakdown(total, same, s.text, partial=partial)
        for parent_id, sub in subs.items():
            parent = self.fs.facts[parent_id]
            same = [a for a in sub if _unit_family(a.value) == _unit_family(parent.value)]
            if len(same) >= 2:
                self._breakdown(parent, same, s.text, partial=s.cut)
        for a in amounts:
            if a.id not in self.item_of:
                self._enter(a.key, a.id)
            else:
                self._enter(f"{self.fs.facts[self.item_of[a.id]].key}/{a.key}", a.id)
        self._resolve_shares(shares)
        if lead_at is not None and not items and lead_clause_end == s.clauses[-1][1]:
            if lead_at > 0 and amounts:
                first_by_role: dict[str, Amount] = {}
                for a in para_amounts:
                    if a.id not in self.item_of and a.role not in first_by_role:
                        first_by_role[a.role] = a
                return list(first_by_role.values())
            if lead_total is not None:
                return [lead_total]
            bds = [f for f in self.fs.facts[-len(amounts) - 8:] if isinstance(f, Breakdown) and f.sentence == s.index]
            if bds:
                return [self.fs.facts[bds[-1].total]]
            if para_amounts:
                return [a for a in para_amounts if a.id not in self.item_of][:1] or None
        return None

    def _amount(self, p: Piece, cs: int, s: Sentence, entity: str, subject: Optional[str] = None) -> Amount:
        subj = subject if subject is not None else p.subject.text if p.subject else ""
        ent, role = entity_role(subj)
        if not ent or (entity.endswith(ent) and role):
            ent = entity  # 「…支出预算为X，支出决算为Y」: the second names only its role
        span_start = cs + (p.subject.start if p.subject else p.number.start)
        a = Amount(span=self._span(cs + p.number.start, cs + p.number.end), sentence=s.index,
                   text=self.norm.text[span_start:cs + p.end], subject=subj, entity=ent, role=role,
                   key=subject_key(ent, role), value=self._num(p.number, cs))
        self.fs.add(a)
        self.norm_end[a.id] = cs + p.end
        return a

    def _resolve_shares(self, shares: list[tuple[Share, Optional[str]]]) -> None:
        for sh, whole_text in shares:
            part = self.fs.get(sh.part)
            total = self.fs.get(self.item_of.get(sh.part)) if sh.part is not None else None
            if whole_text:
                ent, role = entity_role(whole_text)
                if not ent:  # 「占调整预算100.93%」: the part's own budget, stated or not
                    ent = part.entity if part is not None else ""
                key = subject_key(ent, role)
                if not ent:
                    sh.whole = None
                elif total is not None and total.key.split("|")[0] and (
                        total.key.endswith(key) or key.endswith(total.key.split("|")[0])):
                    sh.whole = total.id
                else:
                    found = self.lookup(key, part.id if part else sh.id)
                    if found is not None and part is not None and _unit_family(found.value) != _unit_family(part.value):
                        found = None  # 「支出总预算的95.57%」 cut from its amount is no whole of money
                    sh.whole = found.id if found else None
            elif total is not None:
                sh.whole = total.id

    def _change(self, p: Piece, cs: int, s: Sentence, text: str, para_amounts: list[Amount],
                base_label: str, compared: str, pending: Optional[Change]) -> Change:
        n = self._num(p.number, cs)
        is_rate = n.is_percent
        if pending is not None and ((is_rate and pending.rate is None) or (not is_rate and pending.amount is None)):
            ch = pending
            ch.span = ch.span.cover(self._span(cs + p.start, cs + p.end))
        else:
            current = None
            fits = [a for a in reversed(para_amounts) if is_rate or _unit_family(a.value) == _unit_family(n)]
            latest = max((y for a in fits if (y := _year_of(a)) is not None), default=None)
            # 「上年收入合计Y万元」 or, with years written out, 「2019年收入合计Y万元」 beside 「2020年度…」
            # 「251万元，比上年累计支出285万元下降34万元」: the base's figure, when it is the last one stated
            fits = [a for i, a in enumerate(fits) if i == 0 or a.id not in self.base_amounts]
            previous = next((a for a in fits if _PREVIOUS.search(a.subject) or a.id in self.base_amounts
                             or (_year_of(a) is not None and _year_of(a) < latest)), None)
            if p.subject:
                key = subject_key(*entity_role(p.subject.text))
                current = next((a for a in reversed(para_amounts) if a.key == key and a is not previous), None)
            if compared:
                current = self._named(compared, para_amounts)  # 「公务接待费支出决算比预算…，比去年增加0.5万元」
            elif current is None:
                current = next((a for a in fits if a is not previous), None)
            ch = self.fs.add(Change(span=self._span(cs + p.start, cs + p.end), sentence=s.index, text=text,
                                    current=current.id if current else None, base_label=base_label,
                                    previous=previous.id if previous and current and previous.id < current.id + 3 else None,
                                    direction=_direction(p.word), verb=p.word))
        if is_rate:
            ch.rate = n
            if ch is pending:
                ch.rate_verb = p.word
        else:
            ch.amount = n
        return ch

    def _named(self, subject: str, para_amounts: list[Amount]) -> Optional[Amount]:
        """The amount a phrase names: in its paragraph, else stated before (any budget role for a budget)."""
        ent, role = entity_role(subject)
        roles = [role] + (["budget", "budget_initial", "budget_full"] if is_budget(role) else [])
        for r in roles:
            key = subject_key(ent, r)
            found = next((a for a in reversed(para_amounts) if a.key == key), None) or self.lookup(key, len(self.fs.facts))
            if found is not None and found.id not in self.base_amounts:
                return found
        return None

    def _completion(self, p: Piece, cs: int, s: Sentence, text: str, amounts: list[Amount]) -> None:
        label = p.subject.text if p.subject else ""
        money = [a for a in reversed(amounts) if a.value.is_money]  # 「序时进度25%」 is no actual
        budget = next((a for a in money if is_budget(a.role)), None)
        actual = next((a for a in money if not is_budget(a.role)), None)
        self.fs.add(Completion(span=self._span(cs + p.start, cs + p.end), sentence=s.index, text=text,
                               rate=self._num(p.number, cs), base_label=label,
                               actual=actual.id if actual and budget else None,
                               budget=budget.id if budget and actual else None))

    def _compare(self, p: Piece, cs: int, s: Sentence, text: str, para_amounts: list[Amount]) -> None:
        left = p.subject.text if p.subject else ""
        right = p.other.text if p.other else ""
        right = right.split("的")[0]
        rel = {"大于": ">", "高于": ">", "多于": ">", "小于": "<", "低于": "<", "少于": "<", "等于": "="}[p.word]
        lrole, rrole = role_of_label(left), role_of_label(right)

        def find(role: str) -> Optional[Amount]:
            if not role:
                return None
            return next((a for a in reversed(para_amounts)
                         if a.role == role or (is_budget(role) and role == "budget" and is_budget(a.role))), None)

        la, ra = find(lrole), find(rrole)
        self.fs.add(Comparison(span=self._span(cs + p.start, cs + p.end), sentence=s.index, text=text,
                               relation=rel, word=p.word, left_label=left, right_label=right,
                               left=la.id if la else None, right=ra.id if ra else None,
                               word_span=self._span(cs + p.word_pos[0], cs + p.word_pos[1])))


def _depth(text: str, pos: int) -> int:
    """How many brackets are open at ``pos`` of a sentence."""
    head = text[:pos]
    return max(0, head.count("(") - head.count(")"))


_SEP_RANK = {"、": 0, ",": 1, "，": 1, ";": 2, "；": 2, "": 3}


def _weaker_or_equal(sep: str, item_sep: Optional[str]) -> bool:
    return item_sep is None or _SEP_RANK.get(sep, 1) <= _SEP_RANK.get(item_sep, 1)
