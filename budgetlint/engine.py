"""The pipeline, one direction: Document → normalised text → sentences → facts → findings."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Optional

from .checks import document_rules, load_rules
from .config import Config
from .document import Document
from .facts import Amount, FactSet, Num
from .model import Evidence, Finding, Severity, Span
from .normalize import Mapped, normalize
from .numbers import Interval, half_unit, place
from .segment import Sentence, segment


@dataclass
class Context:
    """Everything a check may read about one document, plus helpers to report."""

    doc: Document
    norm: Mapped
    sentences: list[Sentence]
    facts: FactSet
    config: Config
    tables: list = field(default_factory=list)
    score_tables: list = field(default_factory=list)  # tables.scores.ScoreTable of every table with 分值/得分 columns
    final_tables: list = field(default_factory=list)  # tables.final_accounts.FinalTable: the recognised 决算 tables
    three_public: list = field(default_factory=list)  # tables.three_public.ThreePublic: 三公 tables in any layout
    unread_tables: list = field(default_factory=list)  # tables holding numbers of which no recognised table reads any
    money_decimals: dict = field(default_factory=dict)  # unit -> usual decimals
    findings: list[Finding] = field(default_factory=list)
    _code: str = ""
    _intervals: dict = field(default_factory=dict)  # (id of a number, tail) -> (the number, its interval)
    _cell_intervals: dict = field(default_factory=dict)  # (id of a table cell, tail) -> (the cell, its interval)
    _decimals: dict = field(default_factory=dict)  # id of a number -> (the number, its effective decimals)
    _severities: dict = field(default_factory=dict)  # code -> the severity its findings take
    _derived: dict = field(default_factory=dict)  # function -> what it derives from the document (``once``)

    def once(self, make):
        """``make(self)``, worked out the first time a rule asks: several rules read the same groups
        of facts or table cells derived from the document (``checks._util.per_document``)."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]

    def decimals(self, n: Num) -> int:
        """Effective precision of a stated number.

        Documents drop trailing zeros (475.2 for 475.20) and write 0 for 0.00,
        so money with some decimals, zero, or a whole number not ending in 0
        takes the precision most amounts of its unit are written with. Round
        whole numbers (「90亿元」, 「5000万元」) may be rounded: they keep their own.
        Kept per number (with the number, as its interval): the rules ask again and again.
        """
        kept = self._decimals.get(id(n))
        if kept is None:
            d = n.decimals
            if n.is_money and (d or n.value == 0 or not n.text.endswith("0")):
                d = max(d, self.money_decimals.get(n.unit, 0))
            kept = self._decimals[id(n)] = n, d
        return kept[1]

    def interval(self, n: Num, tail: bool = True) -> Interval:
        """The values ``n`` may stand for. Counts (人, 个, 辆 …) are exact; money gets the tail.
        Worked out once per number and document: the rules ask again and again."""
        key = (id(n), tail)
        kept = self._intervals.get(key)
        if kept is None:
            if n.is_count and n.decimals == 0:
                iv = Interval.exact(n.value)
            else:
                d = self.decimals(n)
                w = _width(d, self.config.tail_digits if (tail and d and n.is_money) else 0)
                iv = Interval(n.value - w, n.value + w)  # Num.interval at the effective precision, with the tail
            kept = self._intervals[key] = n, iv  # the number kept: its id stays its own
        return kept[1]

    def report(self, span: Span, zh: str, en: str, evidence: Optional[Evidence] = None,
               related: Iterable[Span] = (), code: Optional[str] = None) -> Finding:
        code = code or self._code
        sev = self._severities.get(code)
        if sev is None:
            sev = self._severities[code] = Severity(self.config.severity.get(code, load_rules()[code].severity.value))
        f = Finding(code=code, severity=sev, span=span, message_zh=zh, message_en=en,
                    evidence=evidence or Evidence(), statement=self.doc.text[span.start:span.end],
                    related=list(related))
        self.findings.append(f)
        return f


@lru_cache(maxsize=None)
def _width(decimals: int, tail_digits: int) -> Decimal:
    """How far a number written to ``decimals`` places may be from its value: half a unit of the last
    place and ``tail_digits`` units more (a handful of answers, asked for every number's interval)."""
    return half_unit(decimals) + tail_digits * place(decimals)


@dataclass
class DocResult:
    doc: Document
    facts: FactSet
    findings: list[Finding]
    tables: list
    context: Optional[Context] = None  # for the cross-document ledger, built in the same worker


def analyse(doc: Document, config: Config) -> Context:
    """Run ingest-independent stages up to facts (what ``budgetlint facts`` shows)."""
    from .extract.readable import unreadable
    from .extract.stage import extract
    from .tables.readers import claimed, read_tables

    tables = list(doc.tables) if doc.tables else read_tables(doc)  # binary readers already wrote their tables
    norm = normalize(_without(doc.text, claimed(tables, doc.text)))  # a table row is never read as a sentence
    sentences, garbled = unreadable(norm, segment(norm))
    if garbled is not None and garbled.reason == "mirror":
        tables = []  # a glossed copy: its tables are no more readable
    x = extract(doc, norm, sentences, tables)
    if garbled is not None:
        x.facts.add(garbled)
    ctx = Context(doc=doc, norm=norm, sentences=sentences, facts=x.facts, config=config, tables=tables,
                  score_tables=x.score_tables, final_tables=x.final_tables, three_public=x.three_public,
                  unread_tables=x.unread_tables)
    by_unit: dict[str, Counter] = {}
    for a in x.facts.of(Amount):
        if a.value.is_money and a.value.decimals:
            by_unit.setdefault(a.value.unit, Counter())[a.value.decimals] += 1
    ctx.money_decimals = {u: max(c, key=lambda d: (c[d], d)) for u, c in by_unit.items()}  # ties: the finer
    return ctx


def _without(text: str, spans: list[Span]) -> str:
    """``text`` with the characters of ``spans`` blanked (line breaks kept, so every offset stays)."""
    if not spans:
        return text
    out, pos = [], 0  # copied in stretches: a list of the characters would cost one object each
    for sp in sorted(spans, key=lambda s: s.start):
        start = max(sp.start, pos)
        if sp.end <= start:
            continue
        # each line of the stretch as so many blanks (a regex replacing one character at a time costs 20 times more)
        out += [text[pos:start], "\n".join(" " * len(line) for line in text[start:sp.end].split("\n"))]
        pos = sp.end
    out.append(text[pos:])
    return "".join(out)


def lint(doc: Document, config: Config) -> DocResult:
    ctx = analyse(doc, config)
    for rule in document_rules(config):
        ctx._code = rule.code
        rule.func(ctx)
    findings = sorted(ctx.findings, key=lambda f: (f.span.start, f.code, f.span.end))
    if any(reg.ocr for reg in doc.regions):
        findings = [_ocr_capped(doc, f) for f in findings]
    return DocResult(doc=doc, facts=ctx.facts, findings=findings, tables=ctx.tables, context=ctx)


def _ocr_capped(doc: Document, f: Finding) -> Finding:
    """A finding resting on text read by OCR is at most a warning, and says so (a digit may be misread)."""
    spans = [f.span, *f.related, *(o.span for o in f.evidence.operands if o.span)]
    if not any(doc.is_ocr(s) for s in spans):
        return f
    severity = Severity.WARNING if f.severity == Severity.ERROR else f.severity
    return f.model_copy(update={"severity": severity, "message_zh": f.message_zh + "（数字经 OCR 识别，可能有误）",
                                "message_en": f.message_en + " (figures read by OCR, may be misread)"})

