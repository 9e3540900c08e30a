"""Effective configuration of a run: defaults here, then the nearest config file, then CLI flags.

A file is configured by the nearest ``.budgetlint.toml``, ``budgetlint.toml``
or ``pyproject.toml`` holding ``[tool.budgetlint]``, found by walking up from
the file's folder (``--config FILE`` forces one file for every input). Globs
in ``per-file-ignores``, ``include`` and ``exclude`` are relative to the folder
of the file that sets them, so a config keeps working wherever it is run from.
"""
from __future__ import annotations

import fnmatch
import os
import re
import sys
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .identity import DocumentSetting

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = (".budgetlint.toml", "budgetlint.toml", "pyproject.toml")
SeverityName = Literal["error", "warning", "info"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["BL"])
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    """Glob (relative to the config file) -> codes or prefixes ignored in the files it matches."""
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    lang: Literal["zh", "en"] = "zh"
    tail_digits: int = Field(default=1, alias="tail-digits", ge=0)
    """Amounts may differ by this many units of their last digit (the 元→万元 0.01 tail convention)."""
    max_file_size: int = Field(default=50 * 1024 * 1024, alias="max-file-size", gt=0)
    rubric: Optional[str] = None
    include: list[str] = Field(default_factory=list)
    """Globs a file found in a directory must match (empty: every supported file)."""
    exclude: list[str] = Field(default_factory=list)
    """Globs of files and folders skipped when walking directories."""

    documents: dict[str, DocumentSetting] = Field(default_factory=dict)
    """Glob -> unit, year and kind of the files it matches (for titles that do not say)."""

    _source: Optional[str] = PrivateAttr(default=None)

    @field_validator("select", "ignore", "extend_select")
    @classmethod
    def _upper(cls, codes: list[str]) -> list[str]:
        """Upper-cased, so that ``bl101`` written by hand matches ``BL101``."""
        return [c.strip().upper() for c in codes]

    @field_validator("per_file_ignores")
    @classmethod
    def _upper_values(cls, table: dict[str, list[str]]) -> dict[str, list[str]]:
        return {glob: [c.strip().upper() for c in codes] for glob, codes in table.items()}

    @field_validator("severity")
    @classmethod
    def _upper_keys(cls, table: dict[str, str]) -> dict[str, str]:
        return {code.strip().upper(): sev for code, sev in table.items()}

    @property
    def source(self) -> Optional[str]:
        """The config file this came from (None: built-in defaults)."""
        return self._source

    @property
    def root(self) -> Path:
        """Folder that globs are relative to: the config file's, else the working directory."""
        return Path(self._source).parent if self._source else Path.cwd()

    def enabled(self, code: str) -> bool:
        sel = self.select + self.extend_select
        best_sel = max((len(p) for p in sel if code.startswith(p)), default=-1)
        best_ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_sel >= 0 and best_sel > best_ign

    def matches(self, path: str, globs: list[str]) -> bool:
        """Whether ``path`` (or one of its folders) matches a glob, relative to ``root`` or by name."""
        p = Path(os.path.realpath(path))
        try:
            rel = p.relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            rel = p.as_posix()
        candidates = [rel] + [part for part in Path(rel).parts]
        return any(fnmatch.fnmatch(c, g.rstrip("/")) for g in globs for c in candidates)

    def for_file(self, path: str) -> "Config":
        """This config with the ``per-file-ignores`` that match ``path`` added to ``ignore``."""
        extra = [c for glob, codes in self.per_file_ignores.items() if self.matches(path, [glob]) for c in codes]
        if not extra:
            return self
        return self.with_updates(ignore=self.ignore + extra)

    def document_settings(self, path: str) -> list[DocumentSetting]:
        """The ``[documents]`` entries that match ``path``, in the order written (later ones win)."""
        return [s for glob, s in self.documents.items() if self.matches(path, [glob])]

    def with_updates(self, **fields) -> "Config":
        cfg = self.model_copy(update=fields)
        cfg._source = self._source
        return cfg

    def to_toml(self) -> str:
        """The effective configuration as a ``budgetlint.toml`` body (values are JSON, which TOML accepts)."""
        import json

        def value_toml(value) -> str:
            if isinstance(value, BaseModel):
                value = value.model_dump(exclude_none=True)
            if isinstance(value, dict):
                inner = ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {value_toml(v)}" for k, v in value.items())
                return f"{{ {inner} }}" if inner else "{}"
            return json.dumps(value, ensure_ascii=False)

        lines = []
        for name, field in Config.model_fields.items():
            value = getattr(self, name)
            if value is not None:
                lines.append(f"{field.alias or name} = {value_toml(value)}")
        return "\n".join(lines) + "\n"


class ConfigError(Exception):
    """A config file that cannot be used: one line naming the file, the key and what was expected."""

    def __init__(self, path: str, zh: str, en: str):
        super().__init__(en)
        self.path, self.zh, self.en = path, zh, en

    def message(self, lang: str = "zh") -> str:
        return f"{self.path}: {self.en if lang == 'en' else self.zh}"


_EXPECTED = {  # pydantic error type -> (zh, en) of what was expected
    "int_type": ("整数", "an integer"), "int_parsing": ("整数", "an integer"),
    "int_from_float": ("整数", "an integer"), "string_type": ("字符串", "a string"),
    "list_type": ("字符串数组", "an array of strings"), "dict_type": ("表（键 = 值）", "a table (key = value)"),
    "greater_than_equal": ("不小于 {ge} 的数", "a number >= {ge}"),
    "greater_than": ("大于 {gt} 的数", "a number > {gt}"),
    "literal_error": ("以下之一：{expected}", "one of {expected}"),
}


def _validation_error(path: str, err: ValidationError) -> ConfigError:
    """The first problem of a config table, as one line in both languages."""
    e = err.errors()[0]
    key = ".".join(str(p) for p in e["loc"])
    got = repr(e.get("input"))
    if e["type"] == "extra_forbidden":
        return ConfigError(path, f"未知配置项“{key}”", f"unknown key '{key}'")
    if e["type"] not in _EXPECTED:
        return ConfigError(path, f"配置项“{key}”的值 {got} 无效（{e['msg']}）", f"key '{key}': invalid value {got} ({e['msg']})")
    ctx = dict(e.get("ctx") or {})
    zh, en = _EXPECTED[e["type"]]
    ctx_zh = {k: re.sub(r",\s*|\s+or\s+", "、", str(v)) for k, v in ctx.items()}  # "'a', 'b' or 'c'" -> "'a'、'b'、'c'"
    return ConfigError(path, f"配置项“{key}”应为{zh.format(**ctx_zh)}，实际为 {got}",
                       f"key '{key}': expected {en.format(**ctx)}, got {got}")


def read_table(path: Path) -> Optional[dict]:
    """The budgetlint table of a config file, or None when a pyproject.toml has none."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), f"不是有效的 TOML：{e}", f"invalid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(str(path), f"无法读取：{e}", f"cannot read: {e}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("budgetlint")
    return data


def load_config(path: Path) -> Config:
    """Validate one config file; relative ``rubric`` paths are taken from its folder."""
    table = read_table(path)
    if table is None:
        raise ConfigError(str(path), "没有 [tool.budgetlint] 表", "has no [tool.budgetlint] table")
    try:
        cfg = Config.model_validate(table)
    except ValidationError as e:
        raise _validation_error(str(path), e) from None
    cfg._source = str(path)
    if cfg.rubric and not os.path.isabs(cfg.rubric):
        cfg.rubric = os.path.abspath(path.parent / cfg.rubric)
    return cfg


class Resolver:
    """Finds the config of each input (nearest file wins, cached per folder) and applies CLI overrides.

    ``overrides`` holds what the command line says: ``select`` replaces the
    whole rule selection (as in ruff), ``extend_select`` and ``ignore`` add to
    it, any other key replaces the file's value.
    """

    def __init__(self, forced: Optional[str] = None, overrides: Optional[dict] = None):
        self.forced = load_config(Path(forced)) if forced else None
        self.overrides = {k: v for k, v in (overrides or {}).items() if v}
        self._by_dir: dict[Path, Config] = {}

    def _apply(self, cfg: Config) -> Config:
        o = dict(self.overrides)
        if "select" in o:
            cfg = cfg.with_updates(extend_select=[], ignore=[])
        o["extend_select"] = cfg.extend_select + o.get("extend_select", [])
        o["ignore"] = cfg.ignore + o.get("ignore", [])
        return cfg.with_updates(**o)

    def for_path(self, path: str) -> Config:
        """Effective config of a file or directory (per-file-ignores not yet applied)."""
        if self.forced:
            return self._apply(self.forced)
        p = Path(os.path.abspath(path))
        start = p if p.is_dir() else p.parent
        return self._for_dir(start)

    def _for_dir(self, d: Path) -> Config:
        if d not in self._by_dir:
            found = next((d / n for n in CONFIG_FILES if (d / n).is_file() and
                          (n != "pyproject.toml" or read_table(d / n) is not None)), None)
            if found:
                self._by_dir[d] = self._apply(load_config(found))
            elif d.parent != d:
                self._by_dir[d] = self._for_dir(d.parent)
            else:
                self._by_dir[d] = self._apply(Config())
        return self._by_dir[d]
