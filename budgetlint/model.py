"""Core value objects shared by every stage: spans, evidence, findings.

A span is kept as character offsets into ``Document.text`` (the extracted,
un-normalised text); it is turned into line/column/page/cell only when a
finding is reported, by ``Document.locate``.
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


_FIELDS_SETS: dict[frozenset, set] = {}


class Compact(BaseModel):
    """A model made by the ten thousand (spans, numbers, facts, table cells).

    Pydantic gives every instance its own set of the names of the fields it
    was given (216 bytes for up to four names, 728 for more): instances with
    the same names share one set here instead. Setting a field not yet in the
    set moves the instance to the shared set that has it, so a shared set is
    never changed and ``model_fields_set`` keeps pydantic's meaning.
    """

    def model_post_init(self, context: Any, /) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", _shared(self.__pydantic_fields_set__))

    def __setattr__(self, name: str, value: Any) -> None:
        given = self.__pydantic_fields_set__
        if name in type(self).model_fields and name not in given:
            object.__setattr__(self, "__pydantic_fields_set__", _shared(given | {name}))
        super().__setattr__(name, value)


def _shared(names: set) -> set:
    return _FIELDS_SETS.setdefault(frozenset(names), names)


class Span(Compact):
    """Half-open range [start, end) of character offsets in ``Document.text``."""

    model_config = ConfigDict(frozen=True)
    start: int
    end: int

    def cover(self, other: "Span") -> "Span":
        return Span(start=min(self.start, other.start), end=max(self.end, other.end))


class Location(BaseModel):
    """A human location: 1-based line/column (end inclusive of the last char + 1), plus page or cell."""

    line: int
    column: int
    end_line: int
    end_column: int
    page: Optional[int] = None
    sheet: Optional[str] = None
    cell: Optional[str] = None
    paragraph: Optional[int] = None
    table: Optional[str] = None


class Operand(BaseModel):
    """One number a recomputation used: what it is, its stated text, and where it was written."""

    label: str
    value: str
    span: Optional[Span] = Field(default=None, exclude=True)
    location: Optional[Location] = None
    path: Optional[str] = None
    """Set when the number was written in another document (cross-document rules)."""
    line_text: Optional[str] = None
    """That document's source line, for the text report."""


class Evidence(BaseModel):
    """What was stated, what was recomputed and from which numbers."""

    stated: Optional[str] = None
    recomputed: Optional[str] = None
    operands: list[Operand] = []
    difference: Optional[str] = None
    suggestion: Optional[str] = None
    note: Optional[str] = None


class Finding(BaseModel):
    """One reported contradiction (or info note) at one span of one document."""

    code: str
    severity: Severity
    span: Span = Field(exclude=True)
    message_zh: str = Field(exclude=True)
    message_en: str = Field(exclude=True)
    evidence: Evidence = Evidence()
    statement: str = Field(default="", exclude=True)
    related: list[Span] = Field(default=[], exclude=True)

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh
