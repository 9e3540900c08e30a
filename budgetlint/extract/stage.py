"""The extraction stage: every fact the rules read, from one document, in one place.

Prose clauses become facts through the grammar (assemble.py); named rates,
score claims, class items and hygiene matches are added to the same
``FactSet``; score columns, the standard 决算 tables and the 三公 tables are recognised
in the tables the readers produced. Rules then read these and never the text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..document import Document
from ..facts import FactSet
from ..normalize import Mapped
from ..segment import Sentence


@dataclass
class Extraction:
    facts: FactSet
    score_tables: list  # tables.scores.ScoreTable of every table with 分值/得分 columns
    final_tables: list  # tables.final_accounts.FinalTable: the recognised 决算 tables
    three_public: list  # tables.three_public.ThreePublic: 三公 tables in either orientation, any layout
    unread_tables: list  # tables holding numbers of which no recognised table reads any


def _union(spans) -> list[list[int]]:
    """The stretches the spans cover, in order and apart: a bisect finds whether an offset lies in one."""
    out: list[list[int]] = []
    for start, end in sorted((s.start, s.end) for s in spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def extract(doc: Document, norm: Mapped, sentences: list[Sentence], tables: list) -> Extraction:
    from ..identity import report_year
    from ..tables.final_accounts import identify
    from ..tables.flattened import flattened_sections
    from ..tables.header import GridCell, build_scores
    from ..tables.three_public import document_three_public
    from .assemble import extract_facts
    from .coverage import table_coverage
    from .hygiene import final_accounts_note, find_hygiene
    from .items import find_items
    from .rates import add_rates
    from .scoreclaims import find_claims
    from .targets import find_targets

    facts = extract_facts(norm, sentences)
    spans = _union(t.span for t in tables if t.span is not None)
    starts = [start for start, _ in spans]

    def in_table(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < spans[i][1]

    add_rates(facts, norm, lambda pos: in_table(norm.starts[pos]))  # where normalised ``pos`` starts in the source
    norm.drop_lines()  # the last reader that goes line by line is done
    for fact in [*find_claims(norm, lambda s: in_table(s.start)), *find_items(norm, doc.text), *find_hygiene(doc.text)]:
        facts.add(fact)
    facts.report_year = report_year(doc.text)
    facts.final_accounts_note = final_accounts_note(doc.text)
    for t in tables:  # score columns of the tables ingest built from DOCX/XLSX/PDF cells, and what a table lost
        if t.scores is None and t.source != "text" and t.rows:
            t.scores = build_scores([[GridCell(c.text, c.span) for c in r.cells] for r in t.rows], t.source)
        elif t.unread == "flattened":  # values came apart from their rows, labels with their 分值 did not
            t.scores = flattened_sections(doc.text[t.span.start:t.span.end], t.span.start)
        if t.scores is not None and t.span is not None and t.scores.total() is None:
            # an excerpt that stops inside a score table, before its 总分 row, has lost rows
            line_end = doc.text.find("\n", t.span.end)
            t.scores.partial = t.scores.partial or line_end < 0 or not doc.text[line_end:].strip()
    score_tables = [t.scores for t in tables if t.scores is not None]
    for target in find_targets(score_tables):
        facts.add(target)
    finals = identify(tables, doc.text)
    three = document_three_public(tables, finals, doc.text)
    facts.cells_seen, facts.cells_used, unread = table_coverage(tables, finals, three)
    return Extraction(facts, score_tables, finals, three, unread)
