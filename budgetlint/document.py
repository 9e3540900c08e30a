"""The ingested document: extracted text plus the source map back to the file.

Every reader (txt, md, docx, pdf, xlsx, html, xls, doc, ofd …) produces a ``Document``. Its ``text``
is what later stages see; ``regions`` say which page, paragraph or cell each
stretch of ``text`` came from, so a span can be reported where a person finds
it in the original file; ``notes`` name what could not be read (a scanned
page), and a region marked ``ocr`` holds text read from an image.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from .model import Location, Span

_NEWLINE = re.compile("\n")


@dataclass
class Region:
    """A stretch of ``Document.text`` that came from one page / paragraph / cell.

    ``lines_relative`` makes line numbers restart at 1 inside the region
    (PDF pages, spreadsheet cells); otherwise lines count from the top of the text.
    """

    start: int
    end: int
    page: Optional[int] = None
    sheet: Optional[str] = None
    cell: Optional[str] = None
    paragraph: Optional[int] = None
    table: Optional[str] = None
    lines_relative: bool = False
    ocr: bool = False  # read by OCR from an image: its digits are less certain


@dataclass
class Note:
    """Something the reader could not read, reported at info level (BL902) at ``span``."""

    span: Span
    zh: str
    en: str


@dataclass
class Document:
    path: str
    text: str
    kind: str = "text"
    regions: list[Region] = field(default_factory=list)
    tables: list = field(default_factory=list)  # list[budgetlint.tables.Table] built by the reader, if any
    notes: list[Note] = field(default_factory=list)  # parts the reader could not read (a scanned page…)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        self._region_starts = [r.start for r in self.regions]

    def line_index(self, offset: int) -> int:
        """0-based number of the line ``offset`` lies on (counted from the top of the text)."""
        return bisect.bisect_right(self._line_starts, offset) - 1

    def _line_col(self, offset: int, base: int = 0) -> tuple[int, int]:
        line_idx = self.line_index(offset)
        base_idx = self.line_index(base)
        col = offset - self._line_starts[line_idx] + 1
        if line_idx == base_idx:
            col = offset - base + 1
        return line_idx - base_idx + 1, col

    def region_at(self, offset: int) -> Optional[Region]:
        i = bisect.bisect_right(self._region_starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < max(self.regions[i].end, self.regions[i].start + 1):
            return self.regions[i]
        return None

    def locate(self, span: Span) -> Location:
        """1-based line/column of ``span`` (end column exclusive), with page or cell."""
        end = max(span.end, span.start + 1)
        region = self.region_at(span.start)
        base = region.start if region and region.lines_relative else 0
        line, col = self._line_col(span.start, base)
        end_line, end_col = self._line_col(end - 1, base)
        loc = Location(line=line, column=col, end_line=end_line, end_column=end_col + 1)
        if region:
            loc.page, loc.sheet, loc.cell = region.page, region.sheet, region.cell
            loc.paragraph, loc.table = region.paragraph, region.table
        return loc

    def is_ocr(self, span: Span) -> bool:
        """Whether ``span`` starts in text read by OCR."""
        region = self.region_at(span.start)
        return bool(region and region.ocr)

    def excerpt(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def line_start(self, span: Span) -> int:
        """Offset of the first character of the line ``span`` starts on."""
        return self._line_starts[self.line_index(span.start)]

    def line_text(self, span: Span) -> str:
        start = self.line_start(span)
        end = self.text.find("\n", start)
        return self.text[start: end if end >= 0 else len(self.text)]


@dataclass
class Digest:
    """What reporting needs of a linted document, without its text.

    Its path and, for every span a finding points at (the finding and its
    operands), the location, source line and text. Small and picklable: a batch
    of thousands of documents, or a cluster, sends and keeps findings, not
    documents. Reporters use it exactly as they would the ``Document``.
    """

    path: str
    spans: dict[tuple[int, int], tuple[Location, str, int, str]]
    suppressed: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, findings: list, later: list[Span] = ()) -> "Digest":
        """The digest of ``findings``; ``later`` are spans findings may still be added at (the cross-document
        rules run after every document is linted), with the suppression comments that apply there."""
        from .suppress import suppressing

        spans: dict[tuple[int, int], tuple[Location, str, int, str]] = {}
        for f in findings:
            for s in [f.span, *(op.span for op in f.evidence.operands if op.span is not None)]:
                spans.setdefault((s.start, s.end), None)
        for s in later:
            spans.setdefault((s.start, s.end), None)
        for key in spans:
            s = Span(start=key[0], end=key[1])
            spans[key] = (doc.locate(s), doc.line_text(s), doc.line_start(s), doc.excerpt(s))
        return cls(doc.path, spans, suppressing(doc, [Span(start=a, end=b) for a, b in spans]) if later else {})

    def unsuppressed(self, findings: list) -> list:
        """The findings added later that no suppression comment at their span covers."""
        return [f for f in findings if not any(c == "*" or f.code.startswith(c)
                                               for c in self.suppressed.get((f.span.start, f.span.end), ()))]

    def locate(self, span: Span) -> Location:
        return self.spans[span.start, span.end][0]

    def line_text(self, span: Span) -> str:
        return self.spans[span.start, span.end][1]

    def line_start(self, span: Span) -> int:
        return self.spans[span.start, span.end][2]

    def excerpt(self, span: Span) -> str:
        return self.spans[span.start, span.end][3]
