"""Readers: a path in, a ``Document`` (text + source map) out.

Each reader module registers the extensions it handles; heavy libraries are
imported inside the reader, so a run over .txt files never imports pdf code.
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Callable, Iterator

from ..document import Document


class InputError(Exception):
    """A file that cannot be linted: reported as one line, exit code 2."""

    def __init__(self, path: str, zh: str, en: str):
        super().__init__(en)
        self.path, self.zh, self.en = path, zh, en

    def message(self, lang: str = "zh") -> str:
        return f"{self.path}: {self.en if lang == 'en' else self.zh}"


# extension -> "module:function"; resolved lazily so importing this package stays cheap
READERS: dict[str, str] = {
    ".txt": "text:read_text",
    ".md": "text:read_text",
    ".markdown": "text:read_text",
    ".pdf": "pdf:read_pdf",
    ".docx": "docx:read_docx",
    ".xlsx": "xlsx:read_xlsx",
    ".html": "html:read_html",
    ".htm": "html:read_html",
    ".xls": "xls:read_xls",
    ".doc": "office:read_doc",
    ".wps": "office:read_doc",
    ".et": "office:read_et",
    ".ofd": "ofd:read_ofd",
}

# older or other office formats: say which supported format to save them as
SAVE_AS = {".rtf": ".docx", ".csv": ".xlsx"}


def reader_for(path: str) -> Callable[[str], Document]:
    ext = Path(path).suffix.lower()
    if ext not in READERS:
        hint_zh = f"，请另存为 {SAVE_AS[ext]}" if ext in SAVE_AS else ""
        hint_en = f"; save it as {SAVE_AS[ext]}" if ext in SAVE_AS else ""
        raise InputError(path, f"不支持的文件类型“{ext or '无扩展名'}”{hint_zh}",
                         f"unsupported file type '{ext or 'no extension'}'{hint_en}")
    mod, func = READERS[ext].split(":")
    return getattr(importlib.import_module(f"{__name__}.{mod}"), func)


def read_document(path: str, max_size: int = 50 * 1024 * 1024) -> Document:
    """Read any supported file; raise ``InputError`` with a one-line reason otherwise."""
    if not os.path.exists(path):
        raise InputError(path, "文件不存在", "no such file")
    if os.path.isdir(path):
        raise InputError(path, "是目录而不是文件", "is a directory")
    read = reader_for(path)
    size = os.path.getsize(path)
    if size == 0:
        raise InputError(path, "文件为空", "empty file")
    if size > max_size:
        raise InputError(path, f"文件过大（{size} 字节，上限 {max_size}）", f"file too large ({size} bytes, limit {max_size})")
    try:
        return read(path)
    except InputError:
        raise
    except OSError as e:
        raise InputError(path, f"无法读取：{e.strerror}", f"cannot read: {e.strerror}") from None


def expand_paths(paths: list[str]) -> Iterator[tuple[str, InputError | None]]:
    """Files to lint: directories walked for supported extensions, in sorted order."""
    for p in paths:
        if os.path.isdir(p):
            found = sorted(
                str(f) for f in Path(p).rglob("*")
                if f.is_file() and f.suffix.lower() in READERS and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                yield p, InputError(p, "目录中没有可读取的文件", "directory holds no supported files")
            for f in found:
                yield f, None
        else:
            yield p, None
