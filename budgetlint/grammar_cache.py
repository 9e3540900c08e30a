"""Lark parsers built once per machine, not at every start.

Building the LALR tables of the clause grammar takes about 0.1 s; Lark can
pickle the built parser and load it back in a few milliseconds. The pickle is
kept in the user cache folder (``$BUDGETLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/budgetlint``, else ``~/.cache/budgetlint``), named by a hash
of the grammar and Lark's options so that versions side by side do not
overwrite each other; Lark checks that hash again on loading and rebuilds on
any mismatch or unreadable file. Where no cache folder can be written, the
parser is simply built in memory.

The regexes of the clause lexer are kept there too (``CachedRegexes``): each
lexer state matches with one alternation of every terminal it accepts (2,000
characters), which ``re`` takes about 4 ms to compile, a state at a time as a
document first reaches it; a one-line check reaches four.
"""
from __future__ import annotations

import array
import hashlib
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Optional

import _sre

from lark import Lark
from lark import __version__ as LARK_VERSION


def cache_dir() -> Optional[Path]:
    """The folder for cached parsers, created if needed; None when none can be written."""
    root = os.environ.get("BUDGETLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "budgetlint")
    try:
        os.makedirs(root, exist_ok=True)
    except OSError:
        return None
    return Path(root) if os.access(root, os.W_OK) else None


def cached_lark(name: str, grammar: str, **options) -> Lark:
    """``Lark(grammar, parser="lalr", **options)``, loaded from the cache when it was built before.

    A ``transformer`` option is applied while parsing and is no part of the built tables, so it
    does not name the cached file."""
    folder = cache_dir()
    if folder is None:
        return Lark(grammar, parser="lalr", **options)
    built = sorted((k, v) for k, v in options.items() if k != "transformer")
    key = hashlib.sha256(f"{grammar}\0{built}\0{LARK_VERSION}".encode("utf-8")).hexdigest()[:16]
    return Lark(grammar, parser="lalr", cache=str(folder / f"{name}-{key}.lark"), **options)


class CachedRegexes:
    """A stand-in for the ``re`` module, for a lexer: ``compile`` gives what ``re.compile`` gives, and
    keeps the compiled program (``re``'s own parse and compile, in Python, are what takes the time) in
    ``folder``, one file per pattern, so that the next process builds the pattern from it at once.

    The program is ``re``'s internal form, so the files are named by the Python version and ``re``'s
    engine version as well as the pattern; a file that does not hold this very pattern, or that the
    engine refuses (it checks every program it is given), is compiled again and rewritten; where
    ``re``'s internals are not as in Python 3.11 (``re._parser``, ``_sre.compile``), it is ``re.compile``. Anything else is ``re``'s (``error``, ``match``, ``escape`` …)."""

    def __init__(self, folder: Optional[Path]):
        self.folder = folder

    def __getattr__(self, name: str):
        return getattr(re, name)

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        if not isinstance(pattern, str) or self.folder is None:
            return re.compile(pattern, flags)
        name = hashlib.sha256(f"{sys.version}\0{_sre.MAGIC}\0{flags}\0{pattern}".encode("utf-8")).hexdigest()[:24]
        path = self.folder / f"re-{name}.pickle"
        try:
            with open(path, "rb") as f:
                stored, program = pickle.load(f)
            if stored == pattern:
                return _from_program(pattern, program)
        except Exception:  # no file yet, or one of another pattern or engine: compiled below
            pass
        try:
            program = _program(pattern, flags)
            compiled = _from_program(pattern, program)
        except Exception:  # ``re``'s internals as another Python version has them: plain ``re``
            return re.compile(pattern, flags)
        try:
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                pickle.dump((pattern, program), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
        return compiled


def _program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands the engine for ``pattern`` (its code as an array of ints)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    groups = [None] * parsed.state.groups
    for name, i in parsed.state.groupdict.items():
        groups[i] = name
    return (flags | parsed.state.flags, array.array("I", _compiler._code(parsed, flags)), parsed.state.groups - 1,
            dict(parsed.state.groupdict), tuple(groups))


def _from_program(pattern: str, program: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)
