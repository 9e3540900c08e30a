"""Legacy Word (.doc) and WPS (.wps, .et): converted by LibreOffice, then read as .docx / .xlsx.

LibreOffice runs headless with a throw-away profile, on a copy of the file in
a temporary folder that is removed afterwards (the user's file is only read;
parallel runs do not share a profile). The converted file is read by the
.docx or .xlsx reader, so locations are those of Word (paragraph, table
cell) and Excel (sheet!cell). Without ``soffice`` on the PATH the file is
refused with one line saying what to install.

Files are sniffed first, because saved-as files often keep the wrong name: a
``.doc`` that is really a web page (common on government sites) is read as
HTML, one that is really a .docx (a zip) as .docx.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from . import InputError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIMEOUT = 180  # seconds for one conversion
_PACKAGE = {"docx": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}
_STREAM = {"docx": ("WordDocument",), "xlsx": ("Workbook", "Book")}  # the stream a Word / Excel (WPS) file has


def sniff(path: str) -> str:
    """What the file really is: "ole" (Word/Excel 97–2003, WPS), "zip", "html", "rtf" or ""."""
    with open(path, "rb") as f:
        head = f.read(512)
    if head.startswith(OLE):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if body.startswith(b"<") and any(tag in body for tag in (b"<html", b"<table", b"<!doctype html")):
        return "html"
    return ""


def ole_streams(path: str) -> set[str]:
    """Names of the streams in an OLE compound file (empty when its directory cannot be read)."""
    import os

    from xlrd import compdoc

    with open(path, "rb") as f:
        data = f.read()
    try:
        with open(os.devnull, "w") as log:
            return {d.name for d in compdoc.CompDoc(data, logfile=log).dirlist}
    except Exception:  # compdoc raises CompDocError, IndexError, struct.error… on damaged files
        return set()


def _misnamed(path: str, kind: str, target: str):
    """The reader for a file whose content is another supported format than its name says, else None."""
    if kind == "html":
        from .html import read_html

        return read_html
    if kind == "zip":
        from .docx import read_docx
        from .xlsx import read_xlsx

        return read_docx if target == "docx" else read_xlsx
    return None


def convert(path: str, target: str) -> Document:
    """Read ``path`` by converting it to ``target`` ("docx" or "xlsx") with LibreOffice."""
    ext = Path(path).suffix.lower()
    kind = sniff(path)
    other = _misnamed(path, kind, target)
    if other:
        doc = other(path)
        doc.kind = ext[1:]
        return doc
    if kind not in ("ole", "rtf"):
        raise InputError(path, f"不是有效的 {ext} 文件（内容既非 Office 97–2003/WPS 文档，也非其他可识别格式）",
                         f"not a valid {ext} file (neither an Office 97-2003/WPS document nor another known format)")
    if kind == "ole" and not ole_streams(path) & set(_STREAM[target]):
        raise InputError(path, f"{ext} 文件已损坏（其中没有 {_STREAM[target][0]} 数据流）",
                         f"corrupt {ext} file (no {_STREAM[target][0]} stream inside)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise InputError(path, f"读取 {ext} 需要 LibreOffice：请安装（Debian/Ubuntu：apt install {_PACKAGE[target]}），"
                               f"或另存为 .{target}",
                         f"reading {ext} needs LibreOffice: install it (Debian/Ubuntu: apt install {_PACKAGE[target]}),"
                         f" or save the file as .{target}")
    with tempfile.TemporaryDirectory(prefix="budgetlint-") as tmp:
        src = Path(tmp) / f"in{ext}"
        shutil.copyfile(path, src)
        cmd = [soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice 转换超时（{TIMEOUT} 秒）", f"LibreOffice conversion timed out ({TIMEOUT} s)") from None
        out = Path(tmp) / f"in.{target}"
        if not out.exists() or not out.stat().st_size:
            raise InputError(path, f"{ext} 文件已损坏，LibreOffice 无法转换", f"corrupt {ext} file: LibreOffice cannot convert it")
        from .docx import read_docx
        from .xlsx import read_xlsx

        try:
            doc = (read_docx if target == "docx" else read_xlsx)(str(out))
        except InputError as e:
            raise InputError(path, e.zh.replace(f".{target}", ext), e.en.replace(f".{target}", ext)) from None
    doc.path, doc.kind = path, ext[1:]
    return doc


def read_doc(path: str) -> Document:
    """.doc and .wps (Word 97–2003, WPS Writer)."""
    return convert(path, "docx")


def read_et(path: str) -> Document:
    """.et (WPS Spreadsheets)."""
    return convert(path, "xlsx")
