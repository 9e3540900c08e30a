"""The rule library: one module per rule family; each rule's docstring is its documentation.

Rules register with ``@rule``. Built-in modules in this package are imported
by ``load_rules``; third-party packs register a module through the
``budgetlint.checks`` entry-point group and use the same decorator.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Iterable, Iterator, Mapping

from ..model import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    func: Callable[..., None]  # f(ctx: engine.Context): reports through ctx.report
    cross: bool = False  # a cross-document rule: f(ctx: crossdoc.CrossContext), run after every document

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def sections(self) -> dict[str, str]:
        """The documentation's sections (``SECTIONS``: what, why, example, fix), each with its text."""
        out: dict[str, str] = {}
        current = None
        for para in self.doc.split("\n\n")[1:]:
            label = next((s for s in SECTIONS if para.startswith(s)), None)
            if label is not None:
                current = label
                out[label] = para[len(label):].strip()
            elif current is not None:
                out[current] += "\n\n" + para
        return out

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = Severity.ERROR, cross: bool = False):
    """Register a check function under ``code`` (e.g. ``BL101``); ``cross`` for a rule over several documents."""

    def wrap(func):
        if code in RULES and RULES[code].func is not func:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, name, severity, func, cross)
        return func

    return wrap


_loaded = False
_by_code: Mapping[str, Rule] = MappingProxyType({})


def load_rules() -> Mapping[str, Rule]:
    """Import every built-in family module and every entry-point rule pack, once; the rules by code
    (read-only: every finding reported asks it for its rule, so it is sorted again only when a rule
    has registered since)."""
    global _loaded, _by_code
    if not _loaded:
        for mod in pkgutil.iter_modules(__path__):
            if not mod.name.startswith("_"):
                importlib.import_module(f"{__name__}.{mod.name}")
        from importlib.metadata import entry_points

        for ep in entry_points(group="budgetlint.checks"):
            if ep.value != __name__:
                ep.load()
        _loaded = True
    if len(_by_code) != len(RULES):  # rules only ever register: rule() refuses a code twice
        _by_code = MappingProxyType(dict(sorted(RULES.items())))
    return _by_code


SECTIONS = ("What it checks:", "Why it matters:", "Example:", "Fix:")


def rules_markdown(rules: Iterable[Rule]) -> str:
    """The README's rule table: one row per rule with its code, default severity and summary."""
    rows = ["| code | default | what it checks |", "|---|---|---|"]
    rows += [f"| {r.code} | {r.severity.value} | {r.summary} |" for r in sorted(rules, key=lambda r: r.code)]
    return "\n".join(rows) + "\n"


def iter_rules(enabled: Callable[[str], bool], cross: bool = False) -> Iterator[Rule]:
    """Enabled rules of one scope: per-document (default) or cross-document."""
    for code, r in load_rules().items():
        if enabled(code) and r.cross == cross:
            yield r


_selected: tuple[Mapping[str, Rule], dict[tuple, list[Rule]]] = (_by_code, {})


def document_rules(config) -> list[Rule]:
    """The per-document rules a config enables, in code order. Every document asks and
    ``Config.enabled`` weighs each code against every prefix, so the answer is kept per selection
    (``select``, ``extend_select`` and ``ignore``, all that ``enabled`` reads) while the registry
    stays the same mapping (``load_rules`` makes a new one when a rule registers)."""
    global _selected
    rules = load_rules()
    if _selected[0] is not rules:
        _selected = (rules, {})
    key = (tuple(config.select), tuple(config.extend_select), tuple(config.ignore))
    if key not in _selected[1]:
        _selected[1][key] = list(iter_rules(config.enabled))
    return _selected[1][key]
