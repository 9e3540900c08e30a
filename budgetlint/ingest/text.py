"""Plain text and Markdown: UTF-8 (with or without BOM) or GB18030, detected."""
from __future__ import annotations

from ..document import Document
from . import InputError


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(path, "内容为二进制数据，不是文本", "binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise InputError(path, f"无法解码（既非 UTF-8 也非 GB18030，第 {e.start} 字节）",
                         f"cannot decode (neither UTF-8 nor GB18030, byte {e.start})") from None


def read_text(path: str) -> Document:
    with open(path, "rb") as f:
        data = f.read()
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    return Document(path=path, text=text, kind="markdown" if path.lower().endswith((".md", ".markdown")) else "text")
