"""Checks on Office files (.docx, .xlsx are zip archives) before a library parses them.

The zip-bomb guard follows Apache POI's: refuse an archive whose members
inflate more than ``MAX_RATIO`` times their compressed size once they are
large, or whose total uncompressed size exceeds ``MAX_TOTAL``. Python's
zipfile stops reading a member at its declared size, so a member cannot
inflate past what is checked here.
"""
from __future__ import annotations

import zipfile

from . import InputError

MAX_TOTAL = 1 << 30  # 1 GiB uncompressed in all
MAX_RATIO = 100      # per member, once it inflates past LARGE
LARGE = 10 << 20     # 10 MiB
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_office_zip(path: str, kind: str, required: str) -> None:
    """Raise ``InputError`` unless ``path`` is a sane zip holding ``required`` (e.g. word/document.xml)."""
    with open(path, "rb") as f:
        if f.read(8) == OLE_MAGIC:  # Office wraps password-protected files in an OLE container, like .doc/.xls
            raise InputError(path, f"{kind} 文件已加密（需要密码），或是改了扩展名的旧版 .doc/.xls 文件",
                             f"password-protected {kind} file, or an old .doc/.xls file renamed")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise InputError(path, f"不是有效的 {kind} 文件（不是 zip 压缩包，可能已损坏或实为其他格式）",
                         f"not a valid {kind} file (not a zip archive: corrupt, or another format renamed)") from None
    total = sum(i.file_size for i in infos)
    bomb = total > MAX_TOTAL or any(
        i.file_size > LARGE and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos)
    if bomb:
        raise InputError(path, f"解压后大小异常（{total} 字节），疑似 zip 炸弹，拒绝读取",
                         f"absurd uncompressed size ({total} bytes): possible zip bomb, not read")
    if required not in {i.filename for i in infos}:
        raise InputError(path, f"{kind} 文件已损坏（缺少 {required}）", f"corrupt {kind} file (no {required})")
