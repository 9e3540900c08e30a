"""The rubric file: grade tiers (等次) and rate thresholds, shipped and overridable.

``budgetlint/data/rubric.toml`` ships with the package; ``Config.rubric``
names a TOML file whose top-level tables replace the shipped ones.
"""
from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Optional


@lru_cache(maxsize=8)
def load_rubric(path: Optional[str] = None) -> dict:
    data = tomllib.loads(resources.files("budgetlint").joinpath("data", "rubric.toml").read_text(encoding="utf-8"))
    if path:
        with open(path, "rb") as fh:
            data.update(tomllib.load(fh))
    return data


def grade_scheme(rubric: dict, word: str) -> Optional[tuple[str, list[tuple[str, Decimal]]]]:
    """(canonical grade, [(grade, floor) …]) of the scheme that knows ``word``; None if no scheme does."""
    for scheme in rubric.get("grades", []):
        canon = scheme.get("aliases", {}).get(word, word)
        if canon in scheme["names"]:
            return canon, [(n, Decimal(str(f))) for n, f in zip(scheme["names"], scheme["floors"])]
    return None


def expected_grade(tiers: list[tuple[str, Decimal]], score: Decimal) -> str:
    for name, floor in tiers:
        if score >= floor:
            return name
    return tiers[-1][0]


OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
