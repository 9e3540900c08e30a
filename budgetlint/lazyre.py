"""Regexes compiled when first used, for the families most documents never reach.

Compiling is what a regex costs at start-up, and a CJK class such as
``[\\u4e00-\\u9fff]`` makes ``re`` loop over its 20,000 characters. The patterns
of rubrics, targets, tables and cross-document comparisons are declared with
``lazy_compile`` instead of ``re.compile``: a one-line document never pays for
them. On first use the compiled pattern's methods are stored on the object, so
later calls go straight to them: a pattern in a loop costs what a compiled one
costs.
"""
from __future__ import annotations

import re

_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
               "groups", "groupindex", "flags")


class LazyPattern:
    """``re.compile(pattern, flags)``, done on the first use of a method or attribute."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only for names not set yet: the first use
        if name not in _ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in _ATTRIBUTES:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use (typed as the compiled pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
