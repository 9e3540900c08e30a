"""Lark parsers built once per machine, not at every start.

Building the LALR tables of the clause grammar takes about 0.1 s; Lark can
pickle the built parser and load it back in a few milliseconds. The pickle is
kept in the user cache folder (``$BUDGETLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/budgetlint``, else ``~/.cache/budgetlint``), named by a hash
of the grammar and Lark's options so that versions side by side do not
overwrite each other; Lark checks that hash again on loading and rebuilds on
any mismatch or unreadable file. Where no cache folder can be written, the
parser is simply built in memory.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional

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
