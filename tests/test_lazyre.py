"""Patterns compiled on first use answer exactly as compiled ones, and cost nothing until used."""
from __future__ import annotations

import re

import pytest

from budgetlint.lazyre import lazy_compile

TEXT = "收入合计100万元，其中财政拨款60万元"
PATTERN = r"(?P<n>\d+)(?P<u>万元)"


def test_same_answers_as_a_compiled_pattern():
    lazy, compiled = lazy_compile(PATTERN), re.compile(PATTERN)
    assert lazy.search(TEXT).group("n") == "100"
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in compiled.finditer(TEXT)]
    assert lazy.findall(TEXT) == [("100", "万元"), ("60", "万元")]
    assert lazy.sub(r"\g<n>元", TEXT) == "收入合计100元，其中财政拨款60元"
    assert lazy.split(TEXT) == compiled.split(TEXT)
    assert lazy.match(TEXT) is None and lazy.fullmatch("60万元").group("u") == "万元"
    assert (lazy.groups, lazy.groupindex, lazy.pattern) == (2, compiled.groupindex, PATTERN)


def test_flags_are_kept():
    assert lazy_compile(r"^b$", re.M).search("a\nb") is not None
    assert lazy_compile(r"^b$").search("a\nb") is None


def test_compiled_once_on_first_use(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or real(*a))
    lazy = lazy_compile(r"\d+")
    assert calls == [] and lazy.pattern == r"\d+"  # declared: nothing compiled
    assert lazy.search("a12").group() == "12" and lazy.findall("1 2") == ["1", "2"]
    assert calls == [(r"\d+", 0)]
    assert lazy.search.__self__.__class__ is re.Pattern  # later calls go to the compiled pattern itself


def test_unknown_attribute_is_an_error_not_a_compile():
    with pytest.raises(AttributeError):
        lazy_compile(r"\d").no_such_method
