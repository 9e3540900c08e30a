"""Small helpers shared by the rule families: formatting evidence operands."""
from __future__ import annotations

from ..facts import Amount, Num
from ..model import Operand


def operand(label: str, n: Num) -> Operand:
    unit = n.unit or ""
    return Operand(label=label, value=f"{n.text}{unit}", span=n.span)


def amount_operand(a: Amount) -> Operand:
    return operand(a.subject.strip("、,:") or a.entity or a.key, a.value)


def money(n: Num, value) -> str:
    return f"{value}{n.unit or ''}"
