"""等次 against the total, with the shipped tiers and with a rubric file of one's own."""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint


def codes(text: str, rubric: str | None = None) -> list[str]:
    cfg = Config(select=["BL505"], rubric=rubric)
    return [f.code for f in lint(Document("t.txt", text), cfg).findings]


def test_default_tiers():
    assert codes("本单位整体支出绩效自评综合评分91分，评价结果等次为优。") == []
    assert codes("本单位整体支出绩效自评综合评分89.5分，评价结果等次为优。") == ["BL505"]
    assert codes("项目绩效自评得分78分，评价结果等次为良。") == ["BL505"]  # 60–<80 is 中
    assert codes("项目绩效自评得分55分，评价等次为合格。") == ["BL505"]  # the 合格/不合格 scheme: 合格 ≥ 60


def test_rubric_file_overrides_the_tiers(tmp_path):
    own = tmp_path / "rubric.toml"
    own.write_text('[[grades]]\nnames = ["优", "良", "中", "差"]\nfloors = [95, 85, 60, 0]\naliases = {}\n',
                   encoding="utf-8")
    text = "本单位整体支出绩效自评综合评分92分，评价结果等次为优。"
    assert codes(text) == []
    assert codes(text, str(own)) == ["BL505"]
