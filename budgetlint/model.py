"""Core value objects shared by every stage: spans, evidence, findings.

A span is kept as character offsets into ``Document.text`` (the extracted,
un-normalised text); it is turned into line/column/page/cell only when a
finding is reported, by ``Document.locate``.
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, Field


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


_FIELDS_SETS: dict[frozenset, set] = {}


class Compact(BaseModel):
    """A model made by the ten thousand (numbers, facts, table cells and rows; findings, their evidence
    and locations, which a batch of 10,000 documents keeps by the hundred thousand until its end).

    Pydantic gives every instance its own set of the names of the fields it
    was given (216 bytes for up to four names, 728 for more): instances with
    the same names share one set here instead. Setting a field not yet in the
    set moves the instance to the shared set that has it, so a shared set is
    never changed and ``model_fields_set`` keeps pydantic's meaning. A pickled
    result carries the shared set once, so the findings unpickled from one
    worker's result share it too (a finding takes half the memory).
    """

    def model_post_init(self, context: Any, /) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", _shared(self.__pydantic_fields_set__))

    def __setattr__(self, name: str, value: Any) -> None:
        given = self.__pydantic_fields_set__
        # the class's __pydantic_fields__: its model_fields is a deprecated property dearer than the assignment
        if name not in given and name in type(self).__pydantic_fields__:
            object.__setattr__(self, "__pydantic_fields_set__", _shared(given | {name}))
        super().__setattr__(name, value)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        cls._every_field = _shared(set(cls.__pydantic_fields__))

    @classmethod
    def typed(cls, fields: dict[str, Any]) -> Compact:
        """The instance that validating ``fields`` would give, built without validating them: for a
        constructor whose values have their fields' types by construction (``Num.parse``, one call per
        number read), at less than half the cost (pydantic's ``model_construct`` costs more than
        validating). ``fields`` gives every field, in the model's order; the dict becomes the instance's."""
        self = cls.__new__(cls)
        _set_dict(self, fields)  # BaseModel's slots, set by their own setters: a third less than object.__setattr__
        _set_fields_set(self, cls._every_field)
        _set_extra(self, None)
        _set_private(self, None)
        return self


_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[slot].__set__
    for slot in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))


def _shared(names: set) -> set:
    return _FIELDS_SETS.setdefault(frozenset(names), names)


class Span:
    """Half-open range [start, end) of character offsets in ``Document.text``; immutable.

    A class with slots rather than a pydantic model: a document has one for
    every number, cell, row and fact (65,000 on a 2.9 MB document), and a
    model instance costs a dict (about 330 bytes with its two ints, against
    100 here). Models with a ``Span`` field validate it as an instance (or a
    ``{"start", "end"}`` mapping) and dump it as that mapping, as before.
    """

    __slots__ = ("start", "end")
    start: int
    end: int

    def __init__(self, start: int, end: int):
        _set_start(self, start)  # the slots' own setters: ``__setattr__`` below refuses every change
        _set_end(self, end)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Span is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Span:
            return NotImplemented
        return self.start == other.start and self.end == other.end

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"Span(start={self.start}, end={self.end})"

    def __reduce__(self):
        return Span, (self.start, self.end)

    def cover(self, other: "Span") -> "Span":
        return Span(start=min(self.start, other.start), end=max(self.end, other.end))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        mapping = cs.no_info_after_validator_function(
            lambda d: cls(d["start"], d["end"]),
            cs.typed_dict_schema({"start": cs.typed_dict_field(cs.int_schema()),
                                  "end": cs.typed_dict_field(cs.int_schema())}))
        return cs.json_or_python_schema(
            json_schema=mapping,
            python_schema=cs.union_schema([cs.is_instance_schema(cls), mapping]),
            serialization=cs.plain_serializer_function_ser_schema(lambda s: {"start": s.start, "end": s.end}))


_set_start, _set_end = Span.start.__set__, Span.end.__set__


class Location(Compact):
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


class Operand(Compact):
    """One number a recomputation used: what it is, its stated text, and where it was written."""

    label: str
    value: str
    span: Optional[Span] = Field(default=None, exclude=True)
    location: Optional[Location] = None
    path: Optional[str] = None
    """Set when the number was written in another document (cross-document rules)."""
    line_text: Optional[str] = None
    """That document's source line, for the text report."""


class Evidence(Compact):
    """What was stated, what was recomputed and from which numbers."""

    stated: Optional[str] = None
    recomputed: Optional[str] = None
    operands: list[Operand] = []
    difference: Optional[str] = None
    suggestion: Optional[str] = None
    note: Optional[str] = None


class Finding(Compact):
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
