"""The cross-document stage: the documents of one unit checked against each other.

It runs after every document has been linted (in any number of worker
processes), on facts only. Each worker turns its document's facts into a
``Ledger``: the document's identity (unit, year, kind) and its comparable
quantities — subject key, the year and basis (决算数, 年初预算 …) the value
belongs to, the interval it may stand for in 元, and where it was written
(location and source line, so that the report can show the other document's
line without reading it again). The parent groups ledgers by unit and runs
the cross-document rules (``budgetlint.checks.crossdoc``, BL95x) on them;
each finding is added to the later document's findings.

Quantities come from

- amounts whose subject is a standard quantity (收入合计, 财政拨款支出,
  “三公”经费 …), keyed as ``BL601`` keys them (list items under their total);
- year-over-year changes: 「与上年相比减少367.99万元」 after 「收支总计949.54万元」
  implies last year's 收支总计 was 949.54 + 367.99; a rate alone implies it
  through 949.54 ÷ (1 − 27.93%); 「比年初预算数增加6.85万元」 implies the 年初预算;
- the cells of a “三公”经费 table (预算数, 决算数 of each item).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Collection, Iterable, Optional

from pydantic import BaseModel

from .. import vocabulary as V
from ..facts import Amount, Change
from ..identity import MIN_SUFFIX, Identity, same_unit
from ..model import Compact, Evidence, Finding, Location, Operand, Severity, Span
from ..numbers import Interval, corners, fmt
from ..lazyre import lazy_compile

BASIS_ZH = {"actual": "决算数", "budget_initial": "年初预算数", "budget_full": "全年预算数", "budget": "预算数"}
BASIS_EN = {"actual": "actual", "budget_initial": "initial budget", "budget_full": "full-year budget", "budget": "budget"}


class Quantity(Compact):
    """One value a document gives for (subject key, year, basis), with where it was written."""

    key: str
    year: int
    basis: str
    lo: Decimal  # in 元
    hi: Decimal
    text: str  # as written (「949.54万元」), or how it was implied (「949.54万元 + 367.99万元」)
    label: str
    how: str = "stated"  # stated | change | rate | table
    own: bool = True  # about the document's own year and basis as stated, not implied or about last year
    span: Span
    location: Location
    line: str = ""  # the source line, for the report
    statement: str = ""


class Ledger(BaseModel):
    """What the cross-document rules know about one document."""

    path: str
    identity: Identity
    quantities: list[Quantity] = []


# ---------------------------------------------------------------------------
# building a ledger (in the worker, from one document's facts)

# canonical “三公” keys by table item (tables/vocabulary.THREE_ITEMS): every way the prose names them
_THREE = {
    "total": ("三公经费", lazy_compile(r"三公经费(?:财政拨款)?(?:支出)?(?:合计)?$")),
    "abroad": ("因公出国(境)费", lazy_compile(r"因公出国\(?境\)?(?:费|经费)(?:支出)?$")),
    "cars": ("公务用车购置及运行维护费", lazy_compile(r"公务用车购置(?:费)?及运行(?:维护)?(?:费|经费)(?:支出)?$")),
    "buy": ("公务用车购置费", lazy_compile(r"公务用车购置(?:费|经费)?(?:支出)?$")),
    "run": ("公务用车运行维护费", lazy_compile(r"公务用车运行(?:维护)?(?:费|经费)(?:支出)?$")),
    "reception": ("公务接待费", lazy_compile(r"公务接待(?:费|经费)(?:支出)?$")),
}
_THREE_NAMES = {name for name, _ in _THREE.values()}
# a section heading that PDF extraction ran into the subject: 「(三)一般公共预算财政拨款支出决算具体情况」
_HEADING = lazy_compile(r"^(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、?)[^，。；]*?(?:情况说明|情况|说明)(?=.)")
_PREVIOUS = lazy_compile(r"^(?:上年|去年|上一年)度?(?:同期)?")  # 「上年支出合计」 is 支出合计, of last year
_LAST_YEAR = lazy_compile(r"上年|去年|上一年|同期")
_CUE = lazy_compile(r"(?:上年|去年|上一年)度?(?:年初)?预算数?|上年|去年|上一年|同期|20\d\d年度?(?:相比|比|同期)|"
                  r"(?:年初|调整后|全年)?预算数?")


def canonical(key: str) -> str:
    """A subject key with the “三公” items folded to one name each."""
    for name, pat in _THREE.values():
        if pat.search(key):
            return name
    return key


@lru_cache(maxsize=4096)
def _ledger_key(entity: str, unit: str) -> str:  # documents name the same entities many times
    from ..extract.subjects import subject_key

    key = subject_key(_PREVIOUS.sub("", _HEADING.sub("", entity)))
    if unit and key.startswith(unit) and len(key) > len(unit):
        key = subject_key(key[len(unit):])
    return canonical(key)


@lru_cache(maxsize=4096)
def _compared(key: str) -> bool:
    """Whether a quantity of this key is compared across documents: a standard quantity or a “三公” item."""
    from ..extract.subjects import is_standard

    return is_standard(key) or key in _THREE_NAMES


def _basis(role: str, ident: Identity) -> str:
    if role == "budget" and ident.kind == "budget":
        return "budget_initial"  # a 预算 document's 预算数 is the year's 年初预算
    if role:
        return role
    return {"budget": "budget_initial", "final_accounts": "actual"}.get(ident.kind or ident.stage, "")


def _yuan(iv: Interval, unit: str) -> tuple[Decimal, Decimal]:
    k = V.MONEY_UNITS[unit]
    return iv.lo * k, iv.hi * k


@dataclass
class _Builder:
    ctx: object  # engine.Context
    ident: Identity
    out: list[Quantity] = field(default_factory=list)

    def add(self, key: str, year: int, basis: str, iv: Interval, unit: str, text: str, label: str, span: Span,
            how: str = "stated", own: bool = True) -> Quantity:
        doc = self.ctx.doc
        lo, hi = _yuan(iv, unit)
        q = Quantity(key=key, year=year, basis=basis, lo=lo, hi=hi, text=text, label=label.strip("、,，:：") or key,
                     how=how, own=own, span=span, location=doc.locate(span), line=doc.line_text(span).strip(),
                     statement=doc.text[span.start:span.end])
        self.out.append(q)
        return q

    def amount(self, a: Amount, totals: dict[int, int]) -> Optional[tuple[str, int, str, bool]]:
        """(key, year, basis, own) of an amount that names a standard quantity in full, else None."""
        n, year = a.value, self.ident.year
        if not n.is_money or n.approx or not _compared(self.key(a.entity)):
            return None  # most amounts: decided before importing what the rest needs
        from ..extract.subjects import clean, entity_role

        named = clean(a.entity) in clean(a.subject)
        if not named and not (a.role and entity_role(a.subject)[0] in ("", "支出", "收入")):
            return None  # neither named in full nor a role (支出决算为…) of the entity before it
        own = True
        stated = re.search(r"(20\d\d)年", a.subject)
        if _LAST_YEAR.search(a.subject):
            year, own = year - 1, False
        elif stated and int(stated.group(1)) != year:
            year, own = int(stated.group(1)), False
        basis = _basis(a.role, self.ident)
        if not basis:
            return None
        key = self.key(a.entity)
        if a.id in totals and key not in _THREE_NAMES:  # 三公 items are one quantity in any list
            total = self.ctx.facts.get(totals[a.id])
            if isinstance(total, Amount) and self.key(total.entity) != key:
                key = f"{self.key(total.entity)}/{key}"
        return key, year, basis, own

    def key(self, entity: str) -> str:
        """The entity's ledger key without a heading run into it, 上年 (the year is kept apart) or the
        document's own unit in front (「上海市普陀区财政局收入支出总计」)."""
        return _ledger_key(entity, self.ident.unit)

    def change(self, ch: Change, cur: Amount, about: tuple[str, int, str, bool]) -> None:
        """The value a change implies for last year (or for the budget it is compared with)."""
        key, year, basis, own = about
        if not own or ch.direction == "none" or ch.previous is not None:
            return
        text = self.ctx.doc.text
        cue = ch.base_label
        if not cue:
            before = text[text.rfind("\n", 0, ch.span.start) + 1:ch.span.start]
            cues = list(_CUE.finditer(before))
            if not cues:
                return
            cue = cues[-1].group(0)
        if "预算" in cue:  # 「比年初预算数增加」: the budget of this year; 「比上年预算增加」: last year's
            from ..extract.subjects import role_of_label

            basis = _basis(role_of_label(_PREVIOUS.sub("", cue)) or "budget", self.ident)
            year -= 1 if _LAST_YEAR.search(cue) else 0
        elif _LAST_YEAR.search(cue) or re.search(r"20\d\d", cue):
            m = re.search(r"(20\d\d)", cue)
            year = int(m.group(1)) if m else year - 1
        else:
            return
        c = self.ctx.interval(cur.value)
        unit = cur.value.unit
        if ch.amount is not None and ch.amount.is_money:
            d = self.ctx.interval(ch.amount).scale(V.convert(Decimal(1), ch.amount.unit, unit))
            iv = c - d if ch.direction == "up" else c + d
            op = "−" if ch.direction == "up" else "+"
            shown = f"{self.implied(iv, cur.value)}（{cur.value.text}{unit} {op} {ch.amount.text}{ch.amount.unit}）"
            self.add(key, year, basis, iv, unit, shown, cur.subject, ch.amount.span, how="change", own=False)
        elif ch.rate is not None and ch.rate.unit == "%":
            r = self.ctx.interval(ch.rate).scale(Decimal("0.01"))
            up = ch.direction == "up"
            iv = corners((lambda cv, rv: cv / (1 + rv)) if up else (lambda cv, rv: cv / (1 - rv)), c, r)
            if iv is None or iv.lo <= 0:
                return
            shown = f"{self.implied(iv, cur.value)}（{cur.value.text}{unit} ÷ (1 {'+' if up else '−'} {ch.rate.text}%)）"
            self.add(key, year, basis, iv, unit, shown, cur.subject, ch.rate.span, how="rate", own=False)

    def implied(self, iv: Interval, n) -> str:
        """An implied value at the precision of the number it was derived from: 「1317.53万元」."""
        return f"{fmt(iv.mid, self.ctx.decimals(n))}{n.unit}"

    def tables(self) -> None:
        """The cells of a “三公”经费 table (any layout, either orientation), when the document holds one."""
        from ..tables.three_public import keyed

        t = next(iter(self.ctx.three_public), None)
        if t is None or self.ident.year is None or t.unit not in V.MONEY_UNITS:
            return
        for (item, role), cell in keyed(t).items():
            v = cell.number
            if v is None:
                continue  # blank, merged or unreadable: nothing written to compare
            basis = "budget_initial" if role == "budget" and self.ident.kind == "budget" else role
            half = Decimal(5).scaleb(-cell.decimals - 1)
            tail = Decimal(self.ctx.config.tail_digits).scaleb(-cell.decimals) if v else Decimal(0)
            iv = Interval.exact(v).widen(half + tail if v else Decimal(0))
            word = "预算数" if role == "budget" else "决算数"
            name = _THREE[item][0]
            self.add(name, self.ident.year, basis, iv, t.unit, f"{cell.text.strip()}{t.unit}",
                     f"{t.title}·{name}·{word}", cell.span, how="table")


def build_ledger(ctx, ident: Identity) -> Ledger:
    """The comparable quantities of one linted document (``ctx`` is its ``engine.Context``)."""
    ledger = Ledger(path=ctx.doc.path, identity=ident)
    if ident.year is None or not ident.unit:
        return ledger  # never compared with anything: keep the ledger empty
    b = _Builder(ctx, ident)
    facts = ctx.facts
    totals = {i: bd.total for bd in facts.facts if getattr(bd, "kind", "") == "breakdown" and bd.total is not None
              for i in bd.items}
    about: dict[int, tuple[str, int, str, bool]] = {}
    for a in facts.of(Amount):
        found = b.amount(a, totals)
        if found:
            about[a.id] = found
            key, year, basis, own = found
            b.add(key, year, basis, ctx.interval(a.value), a.value.unit, f"{a.value.text}{a.value.unit}",
                  a.subject, a.value.span, own=own)
    for ch in facts.of(Change):
        cur = facts.get(ch.current)
        if isinstance(cur, Amount) and cur.id in about:
            b.change(ch, cur, about[cur.id])
    b.tables()
    ledger.quantities = b.out
    return ledger


# ---------------------------------------------------------------------------
# running the rules (in the parent, on every ledger)

KIND_ORDER = ["budget", "final_accounts", "three_public", "project_evaluation", "overall_evaluation", ""]


def order(ledger: Ledger) -> tuple[int, int, str]:
    """Where a document comes in a unit's sequence: by year, then in a year's cycle (预算 → 决算 → 自评), then path."""
    return ledger.identity.year or 0, KIND_ORDER.index(ledger.identity.kind), ledger.path


@dataclass
class _Members:
    """The documents of one (year, kind) that give a key one value, in ledger order, with the running
    minimum of their ``order``: the first one that comes before a given document is found by bisection."""

    positions: list[int] = field(default_factory=list)
    quantities: list = field(default_factory=list)
    earliest: list[tuple] = field(default_factory=list)  # min ``order`` of positions[:i + 1]

    def add(self, i: int, q, at: tuple) -> None:
        self.positions.append(i)
        self.quantities.append(q)
        self.earliest.append(min(self.earliest[-1], at) if self.earliest else at)

    def start(self, before: Optional[tuple]) -> int:
        """Where to look first: the first member that comes before ``before`` (``order``), if given."""
        if before is None:
            return 0
        return bisect_left(self.earliest, True, key=lambda o: o < before)


@dataclass
class _Value:
    """One value (interval) of a key, with its documents by (year, kind); ``first``: the first position."""

    first: int
    by_doc: dict[tuple, _Members] = field(default_factory=dict)


@dataclass
class _Values:
    """The values the documents of one unit give one key, each distinct interval once (most documents
    restate one figure): a figure is tested against each value, not each document. ``max_lo`` and
    ``min_hi`` tell at once whether it disagrees with any of them."""

    max_lo: Decimal
    min_hi: Decimal
    values: dict[tuple[Decimal, Decimal], _Value] = field(default_factory=dict)  # in order of first position


@dataclass
class CrossContext:
    """The ledgers of one run, grouped by unit, and how cross-document rules report."""

    ledgers: list[Ledger]
    configs: dict  # path -> Config
    findings: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    _code: str = ""
    _reported: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    _indexes: dict = field(default_factory=dict)  # the index of each ledger, built once (every pair asks for it)
    _enabled: dict = field(default_factory=dict)  # (path, code) -> ``_severity``
    _keyed: dict = field(default_factory=dict)  # (own, how) -> ``_values``
    _names: dict = field(default_factory=dict)  # unit -> ``_unit_names(unit)``

    def pairs(self) -> Iterable[tuple[Ledger, Ledger]]:
        """Every ordered pair (a, b) of different documents of the same unit, in the order of the ledgers."""
        for i, a in enumerate(self.ledgers):
            yield from ((a, self.ledgers[j]) for j in sorted(self._partners(i)))

    @cached_property
    def _units(self) -> tuple[dict[str, list[int]], dict[str, set[str]]]:
        """Positions of the ledgers by unit, and the units ending with each suffix of 6+ characters."""
        by_unit: dict[str, list[int]] = defaultdict(list)
        by_suffix: dict[str, set[str]] = defaultdict(set)
        for i, ledger in enumerate(self.ledgers):
            unit = ledger.identity.unit
            by_unit[unit].append(i)
            for k in range(len(unit) - MIN_SUFFIX + 1):
                by_suffix[unit[k:]].add(unit)
        return by_unit, by_suffix

    def _unit_names(self, unit: str) -> set[str]:
        """The units of the run that ``same_unit`` takes for ``unit``. The index of names and their long
        suffixes gives the few candidates, so a run of 10,000 documents costs in proportion to its
        documents, not to every pair of them; worked out once per unit."""
        if unit not in self._names:
            by_unit, by_suffix = self._units
            candidates = {*by_suffix.get(unit, ()), *(unit[k:] for k in range(len(unit)) if unit[k:] in by_unit)}
            self._names[unit] = {u for u in candidates if same_unit(unit, u)}
        return self._names[unit]

    def _partners(self, i: int) -> set[int]:
        by_unit = self._units[0]
        return {j for u in self._unit_names(self.ledgers[i].identity.unit) for j in by_unit[u] if j != i}

    def disagreements(self, doc: Ledger, quantities: list[Quantity], accept=None, own: Optional[bool] = True,
                      how: Optional[Iterable[str]] = None, *, year: Optional[int] = None,
                      kinds: Optional[Collection[str]] = None,
                      earlier: bool = False) -> list[tuple[int, int, Quantity, Quantity]]:
        """(position of the other document, position in ``quantities``, q, oq) for each q of ``doc`` and the
        first other document of its unit (in the order of the ledgers) whose ``index(own, how)`` gives q's
        key a value ``oq`` rounding cannot reconcile with q, and that the rule takes: of ``year`` and of
        one of ``kinds`` (when given), before ``doc`` in ``order`` (with ``earlier``), and that
        ``accept(other, q)`` takes (when given). Sorted as a loop over the pairs (doc, other), each over
        ``quantities``, would find them.

        A rule states its conditions on the other document's year, kind and order rather than leave them
        to ``accept``: the candidates are then found by lookup and bisection among the documents that give
        each distinct value, so a unit with thousands of documents costs a few steps per figure, where a
        scan until the first document ``accept`` takes costs thousands."""
        at = self._position[id(doc)]
        before = self._orders[at] if earlier else None
        values = self._values(own, None if how is None else tuple(how))
        units = self._unit_names(doc.identity.unit)
        out = []
        for n, q in enumerate(quantities):
            first: Optional[tuple[int, Quantity]] = None
            for unit in units:
                v = values.get((unit, q.key, q.year, q.basis))
                if v is None or (v.max_lo <= q.hi and q.lo <= v.min_hi):
                    continue  # every document of this unit agrees with q
                for (lo, hi), value in v.values.items():
                    if first is not None and value.first >= first[0]:
                        break  # this value and the later ones start after the document found
                    if q.lo <= hi and lo <= q.hi:
                        continue  # agrees with q
                    for (y, k), members in value.by_doc.items():
                        if (year is None or y == year) and (kinds is None or k in kinds):
                            found = self._first(members, at, before, accept, q, first)
                            first = found or first
            if first is not None:
                out.append((first[0], n, q, first[1]))
        return sorted(out, key=lambda f: f[:2])

    def _first(self, members: _Members, at: int, before: Optional[tuple], accept, q: Quantity,
               found: Optional[tuple[int, Quantity]]) -> Optional[tuple[int, Quantity]]:
        """The first of ``members`` other than ``at``, before ``before`` (if given) and taken by ``accept``
        (if given), if it comes before the document already ``found``."""
        positions = members.positions
        for i in range(members.start(before), len(positions)):
            j = positions[i]
            if found is not None and j >= found[0]:
                return None
            if j != at and (before is None or self._orders[j] < before) and (
                    accept is None or accept(self.ledgers[j], q)):
                return j, members.quantities[i]
        return None

    @cached_property
    def _position(self) -> dict[int, int]:
        return {id(ledger): i for i, ledger in enumerate(self.ledgers)}

    @cached_property
    def _orders(self) -> list[tuple[int, int, str]]:
        """``order`` of each ledger, by position."""
        return [order(ledger) for ledger in self.ledgers]

    def _values(self, own: Optional[bool], how: Optional[tuple[str, ...]]) -> dict[tuple, _Values]:
        """(unit, key, year, basis) -> the values the ledgers give it in their ``index(own, how)``."""
        if (own, how) not in self._keyed:
            out: dict[tuple, _Values] = {}
            for i, ledger in enumerate(self.ledgers):
                ident = ledger.identity
                for (key, year, basis), q in self.index(ledger, own, how).items():
                    v = out.get((ident.unit, key, year, basis))
                    if v is None:
                        v = out[ident.unit, key, year, basis] = _Values(max_lo=q.lo, min_hi=q.hi)
                    else:
                        v.max_lo, v.min_hi = max(v.max_lo, q.lo), min(v.min_hi, q.hi)
                    value = v.values.get((q.lo, q.hi))
                    if value is None:
                        value = v.values[q.lo, q.hi] = _Value(first=i)
                    members = value.by_doc.get((ident.year, ident.kind))
                    if members is None:
                        members = value.by_doc[ident.year, ident.kind] = _Members()
                    members.add(i, q, self._orders[i])
            self._keyed[(own, how)] = out
        return self._keyed[(own, how)]

    def index(self, ledger: Ledger, own: Optional[bool] = True, how: Optional[Iterable[str]] = None) -> dict:
        """(key, year, basis) -> the quantity ``ledger`` gives for it (stated about its own year by default).

        A key the document itself gives two different values for (「基本支出」 of
        two funds) is left out: which one another document restates is unknown.
        Built once per ledger and question: the rules only read it."""
        how = None if how is None else tuple(how)
        key = (id(ledger), own, how)
        if key not in self._indexes:
            self._indexes[key] = self._index(ledger, own, how)
        return self._indexes[key]

    @staticmethod
    def _index(ledger: Ledger, own: Optional[bool], how: Optional[tuple[str, ...]]) -> dict:
        out: dict[tuple[str, int, str], Quantity] = {}
        ambiguous = set()
        for q in ledger.quantities:
            if (own is None or q.own == own) and (how is None or q.how in how):
                key = (q.key, q.year, q.basis)
                first = out.get(key)
                if first is None:
                    out[key] = q
                elif disagree(first, q):
                    ambiguous.add(key)
        return {k: q for k, q in out.items() if k not in ambiguous}

    def report(self, doc: Ledger, q: Quantity, other: Ledger, oq: Quantity, zh: str, en: str) -> None:
        """A finding on ``q`` in ``doc``, with ``oq`` of ``other`` as the evidence (file, location, line)."""
        sev = self._severity(doc.path)
        reported = self._reported[doc.path]
        if sev is None or (self._code, q.span) in reported:
            return  # one finding per figure, however many documents it disagrees with
        reported.add((self._code, q.span))
        unit = "万元"
        diff = (q.lo + q.hi - oq.lo - oq.hi) / 2 / V.MONEY_UNITS[unit]
        # built without validation (``Compact.typed``): every value has its field's type by construction,
        # and a run of 10,000 documents reports tens of thousands of findings
        ev = Evidence.typed(dict(
            stated=q.text, recomputed=oq.text,
            operands=[Operand.typed(dict(label=q.label, value=q.text, span=q.span, location=None, path=None,
                                         line_text=None)),
                      Operand.typed(dict(label=oq.label, value=oq.text, span=None, location=oq.location,
                                         path=other.path, line_text=oq.line))],
            difference=f"{fmt(diff, 2)}{unit}", suggestion=None, note=None))
        self.findings[doc.path].append(Finding.typed(dict(
            code=self._code, severity=sev, span=q.span, message_zh=zh, message_en=en, evidence=ev,
            statement=q.statement, related=[])))

    def _severity(self, path: str) -> Optional[Severity]:
        """The current rule's severity in the file's config, or None where the config disables it."""
        key = (path, self._code)
        if key not in self._enabled:
            from ..checks import load_rules

            cfg = self.configs.get(path)
            if cfg is None or not cfg.enabled(self._code):
                self._enabled[key] = None
            else:
                self._enabled[key] = Severity(cfg.severity.get(self._code, load_rules()[self._code].severity.value))
        return self._enabled[key]


def disagree(a: Quantity, b: Quantity) -> bool:
    """No value inside both intervals: rounding cannot explain the difference."""
    return a.hi < b.lo or b.hi < a.lo


def cross_check(results: list, configs: dict) -> None:
    """Run every enabled cross-document rule on the ledgers of ``results`` (``batch.FileResult``);
    add each finding its document does not suppress (``disable=BL950``) to its findings, sorted by position.
    (A suppression of a cross-document code is not reported as unused: BL990 is decided per document.)"""
    from ..checks import iter_rules

    ledgers = [r.ledger for r in results if getattr(r, "ledger", None) is not None and r.ledger.quantities]
    if len(ledgers) < 2:
        return
    ctx = CrossContext(ledgers, configs)
    for rule in iter_rules(lambda code: True, cross=True):
        ctx._code = rule.code
        rule.func(ctx)
    for r in results:
        extra = r.digest.unsuppressed(ctx.findings.get(r.path, []))
        if extra:
            r.findings = sorted(r.findings + extra, key=lambda f: (f.span.start, f.code, f.span.end))
