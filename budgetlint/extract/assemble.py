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

from .. import vocabulary as V
from ..facts import (Amount, Breakdown, Change, Comparison, FactSet, Num, Rate,
                    Share, Unparsed)
from .enumerations import find_enumerations
from .expressions import find_expressions
from .readable import has_address
from .variance import change_breakdowns
from ..normalize import Mapped
from .parse import CMP_WORD, HAS_DIGIT, Piece, count_checkable_numbers, parse_clause
from ..segment import Sentence
from .subjects import entity_role, is_budget, is_heading, list_marker, role_of_label, subject_key

_PREVIOUS = re.compile(r"上年|去年|上期|上一年|同期")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_OTHER_PERIOD = re.compile(r"上年|去年|上期|上一年|同期|预算|\d{4}年")  # what a base figure may be
_RATE_SUBJECT = re.compile(r"(?<!季度)(?<!平均)(?:" + V.alternation(V.COMPLETION_RATE_NAMES) + ")$")
_NAMED_RATE = re.compile(r"率$")
_PARTIAL_LEAD = re.compile(r"主要(?:有|包括|是)|包括|例如|如:")  # 「其中主要有…」 lists only some items
_PUNCTUATION = re.compile(r"[，。；：,;:]")
_BLANKS = re.compile(r"\s+")
_LEAD_ENDS = (":", "中", "如下")  # a clause ending so may open a list (「其中:」, 「…支出决算中，」, 「…如下：」)
_LEAD_END_WORD = re.compile("|".join(map(re.escape, _LEAD_ENDS)))
_ETC = re.compile(r"\s*(?:" + V.alternation(V.MONEY_UNITS) + r")?\s*(?:等|左右)")  # 「…23.44万元等」


def _year_of(a: Amount) -> Optional[int]:
    m = _YEAR.search(a.subject)
    return int(m.group(1)) if m else None


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


@dataclass
class _Reading:
    """What one sentence has stated so far, while its clauses are read."""

    s: Sentence
    para_amounts: list[Amount]  # the paragraph's amounts, this sentence's appended as they come
    stated_before: list[Amount]  # the paragraph's amounts before this sentence that are no list items
    amounts: list[Amount] = field(default_factory=list)
    shares: list[tuple[Share, Optional[str]]] = field(default_factory=list)
    entity: str = ""
    base_label: str = ""
    last_change: Optional[Change] = None
    lead_at: Optional[int] = None  # index into ``amounts`` where the list opened by a lead starts
    lead_total: Optional[Amount] = None
    lead_words: str = ""
    lead_clause_end: int = -1
    items: list[Amount] = field(default_factory=list)
    item_sep: Optional[str] = None
    compared: str = ""  # 「公务接待费支出决算比预算…」: what the next change is about, when no amount states it
    lead_depth: int = 0  # brackets open at the lead
    subs: dict = field(default_factory=dict)  # list item id -> the amounts of its bracket (「21万元（购置费0万元…）」)


@dataclass
class _Clause:
    """One clause of the sentence being read, and the kind of the piece read last."""

    index: int
    start: int
    end: int
    text: str
    sep: str  # the separator before the clause
    pieces: list[Piece] = field(default_factory=list)
    prev_kind: Optional[str] = None


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
        # checkable numbers of the prose seen and understood, counted here and stored on the FactSet once:
        # setting a pydantic field goes through its ``__setattr__``, and this is counted twice a clause
        self.numbers_seen = self.numbers_used = 0
        self.ledger: dict[str, list[int]] = defaultdict(list)
        self.entered: list[tuple[str, int]] = []  # (key, amount id) in the order entered
        self.by_ending: dict[int, dict[str, list[int]]] = {}  # length -> key ending -> ids (``_ending_with``)
        self.item_of: dict[int, int] = {}  # amount id -> breakdown total id
        self.norm_end: dict[int, int] = {}  # amount id -> normalised offset just after its number
        self.base_amounts: set[int] = set()  # 「比上年累计支出285万元…」: the figure compared against
        # clause text -> its pieces (positions within the clause, never changed once parsed) and its checkable
        # numbers, or None for a clause with nothing to read: a document repeats a tenth to a fifth of its
        # clauses (headings, table lines, restated totals), looked at once
        self.parsed: dict[str, Optional[tuple[Optional[list[Piece]], int]]] = {}
        self.stating: set[int] = set()  # the sentences that may state something (``_may_state``)

    # -- helpers -----------------------------------------------------------
    def _num(self, tok, offset: int) -> Num:
        return Num.parse(tok.text, self.norm.span(offset + tok.start, offset + tok.end), tok.unit, tok.approx)

    def _span(self, start: int, end: int):
        return self.norm.span(start, end)

    def _add(self, kind: type, fields: dict):
        """``self.fs.add(kind(**fields))`` for the facts read by the hundred (amounts, shares, changes, rates,
        breakdowns), whose values are of their fields' types by construction: built by ``Compact.typed`` with
        their id, at a fifth of the cost of validating them and then setting the id through pydantic's
        ``__setattr__``. ``fields`` gives every field after ``id``, in the model's order (``model_dump`` keeps
        that order)."""
        fact = kind.typed({"id": len(self.fs.facts), **fields})
        self.fs.facts.append(fact)
        return fact

    def lookup(self, key: str, before: int, suffix: bool = True) -> Optional[Amount]:
        """Nearest amount stated before fact ``before`` whose key is ``key`` (else, with ``suffix``, ends with it)."""
        for ids in (self.ledger.get(key, []), self._ending_with(key) if suffix and len(key) >= 2 else []):
            k = bisect.bisect_left(ids, before)  # ids ascend: facts are entered in document order
            if k:
                return self.fs.facts[ids[k - 1]]
        return None

    def _ending_with(self, key: str) -> list[int]:
        """Ids of the amounts entered under a longer key that ends with ``key``, for 「占…的x%」 look-ups.

        Amounts are indexed by their keys' endings of one length only once a look-up asks for that
        length: a document asks for few lengths, and indexing every ending of every key cost more
        than all the look-ups."""
        n = len(key)
        if n not in self.by_ending:
            self.by_ending[n] = defaultdict(list)
            for k, fact_id in self.entered:
                if len(k) > n:
                    self.by_ending[n][k[-n:]].append(fact_id)
        return self.by_ending[n].get(key, [])

    def _enter(self, key: str, fact_id: int) -> None:
        """Record an amount under its key (and its endings of the lengths looked up so far)."""
        self.ledger[key].append(fact_id)
        self.entered.append((key, fact_id))
        for n, index in self.by_ending.items():
            if len(key) > n:
                index[key[-n:]].append(fact_id)

    # -- driver ------------------------------------------------------------
    def run(self, sentences: list[Sentence]) -> FactSet:
        self._parse_clauses(sentences)
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
            if open_list is not None and open_list.totals and not _any_of(para_amounts, open_list.totals):
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
        self.fs.numbers_seen, self.fs.numbers_used = self.numbers_seen, self.numbers_used
        return self.fs

    def _parse_clauses(self, sentences: list[Sentence]) -> None:
        """Note the sentences that may state something, and parse every clause of theirs that ``_clause``
        may read, before any is read: the parser's work done in one stretch, not between readings, keeps
        its tables and the reader's code each in the processor's caches (a seventh less time in all). A
        clause that turns out to be a written calculation's is parsed for nothing; few are."""
        text = self.norm.text
        for s in sentences:
            if self._may_state(s):
                self.stating.add(s.index)
                for cs, ce in s.clauses:
                    clause = text[cs:ce]
                    if clause not in self.parsed:
                        self.parsed[clause] = (parse_clause(clause), count_checkable_numbers(clause)) \
                            if not has_address(clause) and _may_hold_pieces(clause) else None

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
        if not groups:
            return  # most documents state their wholes first: no amount needs indexing by value
        by_value: dict[Decimal, Amount] = {}
        for a in self.fs.of(Amount):
            if a.value.is_money:
                by_value.setdefault((a.value.value * V.MONEY_UNITS[a.value.unit]).normalize(), a)
        for group in groups.values():
            whole = None
            scaled = [self.fs.get(sh.part).value.value * V.MONEY_UNITS[self.fs.get(sh.part).value.unit]
                      for sh in group[:40]]
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
        self._add(Breakdown, {"span": span, "sentence": total.sentence, "text": "", "kind": "breakdown", "total": total.id,
                              "items": [a.id for a in items], "role": total.role, "label": label[:60],
                              "headings": headings or [], "partial": partial})
        for a in items:
            self.item_of[a.id] = total.id

    # -- one sentence --------------------------------------------------------
    def _sentence(self, s: Sentence, para_amounts: list[Amount]) -> Optional[list[Amount]]:
        """Facts of one sentence; returns the list totals when the sentence ends with an open lead."""
        if s.index not in self.stating:
            return None
        r = _Reading(s, para_amounts, stated_before=[a for a in para_amounts if a.id not in self.item_of])
        covered = self._expressions(s) if "=" in s.text else []  # every calculation is written with its 「=」
        for ci, (cs, ce) in enumerate(s.clauses):
            self._clause(r, ci, cs, ce, covered)
        self._sentence_list(r)
        self._enter_amounts(r.amounts)
        self._resolve_shares(r.shares)
        return self._open_list_totals(r)

    def _may_state(self, s: Sentence) -> bool:
        """Whether a clause of the sentence may be read (``_clause`` tests each): half the sentences of a
        report have no figure, comparison, list or calculation, and are passed over whole."""
        return "=" in s.text or _may_hold_pieces(s.text) or (_LEAD_END_WORD.search(s.text) is not None and any(
            self.norm.text.endswith(_LEAD_ENDS, cs, ce) for cs, ce in s.clauses))  # its clauses asked only if it may

    def _expressions(self, s: Sentence) -> list[tuple[int, int]]:
        """Written calculations of the sentence (their own grammar); the spans they cover."""
        written = [self.fs.add(e) for e in find_expressions(self.norm, s.start, s.text, s.index)]
        return [(e.span.start, e.span.end) for e in written]

    def _clause(self, r: _Reading, index: int, start: int, end: int, covered: list[tuple[int, int]]) -> None:
        """Parse the sentence's clause ``index`` and read its pieces; count its checkable numbers and those
        understood. The clause is made a ``_Clause`` only when it has pieces to read."""
        text = self.norm.text[start:end]
        src = self._span(start, end) if covered else None  # built when needed: most sentences have no calculation
        if src is not None and any(a < src.end and src.start < b for a, b in covered):
            n = count_checkable_numbers(text)  # a written calculation: its numbers are understood
            self.numbers_seen += n
            self.numbers_used += n
            return
        parsed = self.parsed[text]  # by ``_parse_clauses``
        if parsed is None:  # a web address (its digits are no figures), or no piece to read in it
            if not has_address(text):
                r.last_change = None
            return
        pieces, n_check = parsed
        self.numbers_seen += n_check
        if pieces is None:
            if n_check:
                self.fs.add(Unparsed(span=src if src is not None else self._span(start, end), sentence=r.s.index,
                                     text=text, numbers=n_check))
            return
        c = _Clause(index, start, end, text, self.norm.text[start - 1] if start > 0 else "", pieces)
        used = 0
        for p in pieces:
            used += _READERS[p.kind](self, r, p, c)
            c.prev_kind = p.kind
        self.numbers_used += min(used, n_check)
        if pieces and pieces[-1].kind != "change":
            r.last_change = None

    # -- pieces: each reader returns how many checkable numbers it understood --------------------
    def _read_amount(self, r: _Reading, p: Piece, c: _Clause) -> int:
        if p.subject and p.number.unit == "%" and _NAMED_RATE.search(p.subject.text):
            # 「预算执行率为94.00%」 is actual ÷ budget of its sentence; quarterly rates are 支出进度 ÷ 序时进度
            # and other rates (「无纸化通关率达95%」) have no operands here: extract/rates.py names them
            linked = bool(_RATE_SUBJECT.search(p.subject.text)) and "序时" not in r.s.text
            self._completion(p, c.start, r.s, c.text, r.amounts if linked else [])
            return 1
        if (c.prev_kind == "change" and r.last_change is not None and r.last_change.rate is None
                and p.number.unit == "%" and p.subject is not None and p.subject.text.strip() == "("):
            r.last_change.rate = self._num(p.number, c.start)  # 「较上年减少1.5万元（42.86%）」
            r.last_change.span = r.last_change.span.cover(self._span(c.start + p.start, c.start + p.end))
            return 1
        if c.prev_kind == "base" and p.subject is None and _OTHER_PERIOD.search(r.base_label):
            a = self._amount(p, c.start, r.s, r.entity, subject=r.base_label)  # the base's own figure
            self.base_amounts.add(a.id)
        else:
            a = self._amount(p, c.start, r.s, r.entity)
            r.entity = a.entity or r.entity
            r.compared = ""
        r.amounts.append(a)
        r.para_amounts.append(a)
        if r.lead_at is not None and r.items and _depth(r.s.text, c.start + p.number.start - r.s.start) > r.lead_depth:
            r.subs.setdefault(r.items[-1].id, []).append(a)
        elif r.lead_at is not None:
            self._list_item(r, a, p, c)
        return int(a.value.is_money or a.value.is_percent)

    def _list_item(self, r: _Reading, a: Amount, p: Piece, c: _Clause) -> None:
        """An amount after a lead is an item of its list while the separators do not get stronger."""
        at = c.start + p.start
        this_sep = "、" if c.prev_kind == "amount" or self.norm.text[at - 1:at] == "、" else c.sep
        if r.items and r.item_sep is None:
            r.item_sep = this_sep
        if not r.items or _weaker_or_equal(this_sep, r.item_sep):
            r.items.append(a)
        else:
            r.lead_at = None

    def _read_share(self, r: _Reading, p: Piece, c: _Clause) -> int:
        if p.other is not None:
            part = self.lookup(subject_key(*entity_role(p.other.text)), len(self.fs.facts))
        else:
            part = r.amounts[-1] if r.amounts else None
        sh = self._add(Share, {"span": self._span(c.start + p.start, c.start + p.end), "sentence": r.s.index,
                               "text": c.text, "kind": "share", "value": self._num(p.number, c.start),
                               "part": part.id if part else None, "whole_subject": p.subject.text if p.subject else "",
                               "whole": None})
        r.shares.append((sh, p.subject.text if p.subject else None))
        return 1

    def _read_change(self, r: _Reading, p: Piece, c: _Clause) -> int:
        pending = r.last_change if c.prev_kind == "change" or (c.index and r.last_change) else None
        r.last_change = self._change(p, c.start, r.s, c.text, r.para_amounts, r.base_label, r.compared, pending)
        return 1

    def _read_completion(self, r: _Reading, p: Piece, c: _Clause) -> int:
        self._completion(p, c.start, r.s, c.text, r.amounts)
        return 1

    def _read_nochange(self, r: _Reading, p: Piece, c: _Clause) -> int:
        """「与上年持平」: a change of zero between the paragraph's two years."""
        self._new_change(p, c.start, r.s, c.text, r.para_amounts, r.base_label, r.compared, None)
        return 0

    def _read_base(self, r: _Reading, p: Piece, c: _Clause) -> int:
        """「与上年相比」, 「比年初预算」: what the changes that follow are measured against."""
        r.base_label = p.other.text if p.other else (p.subject.text if p.subject else "")
        if p.other is not None and entity_role(p.subject.text)[0]:
            r.compared = p.subject.text  # 「公务接待费支出决算比预算」 names what is compared
        return 0

    def _read_compare(self, r: _Reading, p: Piece, c: _Clause) -> int:
        if p.number is not None:
            return 1  # 「满意度大于95%」: a claim about one figure, nothing to recompute
        self._compare(p, c.start, r.s, c.text, r.para_amounts)
        return 0

    def _read_lead(self, r: _Reading, p: Piece, c: _Clause) -> int:
        """「其中：」, 「…如下：」, or 「…支出决算中，」 naming a known quantity: a list opens here."""
        is_lead = p.kind == "lead" or p.subject.text.endswith("如下")
        if p.kind == "subject" and p.subject.text.endswith("中") and not r.amounts:
            # 「2023年度“三公”经费财政拨款支出决算中，…」: a lead only if it names a known quantity
            r.lead_total = self.lookup(subject_key(*entity_role(p.subject.text)), len(self.fs.facts), suffix=False)
            is_lead = r.lead_total is not None
        depth = _depth(r.s.text, c.start + p.end - r.s.start)
        if is_lead and r.lead_at is not None and r.items and depth > r.lead_depth:
            is_lead = False  # 「…382.58万元（其中：购置费18.85万元…）」: the bracket breaks down the last item
        if is_lead:
            r.lead_depth = depth
            r.lead_words = c.text[p.start:p.end]
            r.lead_at = len(r.amounts)
            ends_sentence = p is c.pieces[-1] and c.start + p.end >= c.end
            r.lead_clause_end = c.start + p.end if ends_sentence and "其中" in c.text else -1
            r.items = []
            r.item_sep = None
        return 0

    # -- the end of a sentence ---------------------------------------------------------------
    def _sentence_list(self, r: _Reading) -> None:
        """The list opened and filled inside the sentence becomes a breakdown of its total; so does a bracket
        of amounts after an item of it (「21万元（购置费0万元、运行维护费21万元）」)."""
        for parent_id, sub in r.subs.items():
            parent = self.fs.facts[parent_id]
            same = [a for a in sub if _unit_family(a.value) == _unit_family(parent.value)]
            if len(same) >= 2:
                self._breakdown(parent, same, r.s.text, partial=r.s.cut)
        if r.lead_at is None or not r.items:
            return
        total = r.amounts[r.lead_at - 1] if r.lead_at > 0 else r.lead_total
        if total is None and r.stated_before:
            total = r.stated_before[-1]  # 「…支出3.12万元。其中：购置费0万元，运行维护费3.12万元。」
        if total is None or _any_of([total], r.items):
            return
        same = [a for a in r.items if _unit_family(a.value) == _unit_family(total.value)]
        if same:
            after = self.norm.text[self.norm_end[same[-1].id]:r.s.end]
            partial = bool(_PARTIAL_LEAD.search(r.lead_words) or _ETC.match(after)) or r.s.cut
            self._breakdown(total, same, r.s.text, partial=partial)

    def _enter_amounts(self, amounts: list[Amount]) -> None:
        """Record the sentence's amounts in the ledger; a list item under its total's key."""
        for a in amounts:
            if a.id not in self.item_of:
                self._enter(a.key, a.id)
            else:
                self._enter(f"{self.fs.facts[self.item_of[a.id]].key}/{a.key}", a.id)

    def _open_list_totals(self, r: _Reading) -> Optional[list[Amount]]:
        """The totals of a 其中 that ends the sentence: its items follow in the next paragraphs."""
        if r.lead_at is None or r.items or r.lead_clause_end != r.s.clauses[-1][1]:
            return None
        if r.lead_at > 0 and r.amounts:
            first_by_role: dict[str, Amount] = {}
            for a in r.para_amounts:
                if a.id not in self.item_of and a.role not in first_by_role:
                    first_by_role[a.role] = a
            return list(first_by_role.values())
        if r.lead_total is not None:
            return [r.lead_total]
        bds = [f for f in self.fs.facts[-len(r.amounts) - 8:] if isinstance(f, Breakdown) and f.sentence == r.s.index]
        if bds:
            return [self.fs.facts[bds[-1].total]]
        if r.para_amounts:
            return [a for a in r.para_amounts if a.id not in self.item_of][:1] or None
        return None

    def _amount(self, p: Piece, cs: int, s: Sentence, entity: str, subject: Optional[str] = None) -> Amount:
        subj = subject if subject is not None else p.subject.text if p.subject else ""
        ent, role = entity_role(subj)
        if not ent or (entity.endswith(ent) and role):
            ent = entity  # 「…支出预算为X，支出决算为Y」: the second names only its role
        span_start = cs + (p.subject.start if p.subject else p.number.start)
        value = self._num(p.number, cs)
        a = self._add(Amount, {"span": value.span,  # an amount is where its number is (spans are immutable)
                               "sentence": s.index, "text": self.norm.text[span_start:cs + p.end], "kind": "amount",
                               "subject": subj, "entity": ent, "role": role, "key": subject_key(ent, role),
                               "value": value, "lead": self._lead(cs + p.number.start)})
        self.norm_end[a.id] = cs + p.end
        return a

    def _lead(self, at: int) -> str:
        """The words just before offset ``at``, back to the previous punctuation, whitespace removed."""
        return _BLANKS.sub("", _PUNCTUATION.split(self.norm.text[max(0, at - 60):at])[-1])

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
            ch = self._new_change(p, cs, s, text, para_amounts, base_label, compared, n)
        if is_rate:
            ch.rate = n
            if ch is pending:
                ch.rate_verb = p.word
        else:
            ch.amount = n
        return ch

    def _new_change(self, p: Piece, cs: int, s: Sentence, text: str, para_amounts: list[Amount],
                    base_label: str, compared: str, n: Optional[Num]) -> Change:
        """A change and the two amounts it compares: the nearest of its paragraph, the earlier year's as previous."""
        current = None
        fits = [a for a in reversed(para_amounts) if n is None or n.is_percent or _unit_family(a.value) == _unit_family(n)]
        latest = max((y for a in fits if (y := _year_of(a)) is not None), default=None)
        # 「上年收入合计Y万元」 or, with years written out, 「2019年收入合计Y万元」 beside 「2020年度…」;
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
        return self._add(Change, {
            "span": self._span(cs + p.start, cs + p.end), "sentence": s.index, "text": text, "kind": "change",
            "current": current.id if current else None,
            "previous": previous.id if previous and current and previous.id < current.id + 3 else None,
            "base_label": base_label, "direction": V.direction(p.word), "verb": p.word, "rate_verb": "",
            "amount": None, "rate": None})

    def _named(self, subject: str, para_amounts: list[Amount]) -> Optional[Amount]:
        """The amount a phrase names: in its paragraph, else stated before (any budget role for a budget)."""
        ent, role = entity_role(subject)
        roles = [role] + (["budget", "budget_initial", "budget_full"] if is_budget(role) else [])
        named = _YEAR.search(subject)  # 「2021年度…较上年」 never names 2020's figure of the same name
        for each in roles:
            key = subject_key(ent, each)
            found = next((a for a in reversed(para_amounts) if a.key == key), None) or self.lookup(key, len(self.fs.facts))
            if found is not None and found.id not in self.base_amounts \
                    and (named is None or _year_of(found) in (None, int(named.group(1)))):
                return found
        return None

    def _completion(self, p: Piece, cs: int, s: Sentence, text: str, amounts: list[Amount]) -> None:
        label = p.subject.text if p.subject else ""
        money = [a for a in reversed(amounts) if a.value.is_money]  # 「序时进度25%」 is no actual
        budget = next((a for a in money if is_budget(a.role)), None)
        actual = next((a for a in money if not is_budget(a.role)), None)
        self._add(Rate, {"span": self._span(cs + p.start, cs + p.end), "sentence": s.index, "text": text, "kind": "rate",
                         "rate": self._num(p.number, cs), "base_label": label,
                         "actual": actual.id if actual and budget else None,
                         "budget": budget.id if budget and actual else None,
                         "key": "", "inputs": {}, "quarter": None, "listed": []})

    def _compare(self, p: Piece, cs: int, s: Sentence, text: str, para_amounts: list[Amount]) -> None:
        left = p.subject.text if p.subject else ""
        right = p.other.text if p.other else ""
        right = right.split("的")[0]
        rel = V.COMPARISON[p.word]
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


def _any_of(amounts: list[Amount], among: list[Amount]) -> bool:
    """Whether one of ``amounts`` is among ``among``: the same fact, by id (each fact has its own), not
    pydantic's ``==``, which compares every field."""
    ids = {a.id for a in among}
    return any(a.id in ids for a in amounts)


def _may_hold_pieces(clause: str) -> bool:
    """Whether the grammar may find a piece in a clause: a figure, a comparison word, 其中 or a lead's ending."""
    return bool(HAS_DIGIT.search(clause) or CMP_WORD.search(clause)) or "其中" in clause \
        or clause.endswith(_LEAD_ENDS)


_READERS = {"amount": Assembler._read_amount, "share": Assembler._read_share, "change": Assembler._read_change,
            "completion": Assembler._read_completion, "nochange": Assembler._read_nochange,
            "base": Assembler._read_base, "compare": Assembler._read_compare,
            "lead": Assembler._read_lead, "subject": Assembler._read_lead}


def _depth(text: str, pos: int) -> int:
    """How many brackets are open at ``pos`` of a sentence."""
    return max(0, text.count("(", 0, pos) - text.count(")", 0, pos))


_SEP_RANK = {"、": 0, ",": 1, "，": 1, ";": 2, "；": 2, "": 3}


def _weaker_or_equal(sep: str, item_sep: Optional[str]) -> bool:
    return item_sep is None or _SEP_RANK.get(sep, 1) <= _SEP_RANK.get(item_sep, 1)
