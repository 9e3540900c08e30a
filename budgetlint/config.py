"""Effective configuration of a run (defaults here; files and CLI flags override)."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["BL"])
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    severity: dict[str, str] = Field(default_factory=dict)
    lang: str = "zh"
    tail_digits: int = Field(default=1, alias="tail-digits", ge=0)
    """Amounts may differ by this many units of their last digit (the 元→万元 0.01 tail convention)."""
    max_file_size: int = Field(default=50 * 1024 * 1024, alias="max-file-size")
    rubric: Optional[str] = None

    def enabled(self, code: str) -> bool:
        sel = self.select + self.extend_select
        best_sel = max((len(p) for p in sel if code.startswith(p)), default=-1)
        best_ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_sel >= 0 and best_sel > best_ign
