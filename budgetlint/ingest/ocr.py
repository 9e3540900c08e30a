"""OCR of scanned pages, with the optional extra ``budgetlint[ocr]`` (rapidocr_onnxruntime).

RapidOCR's wheel carries its Chinese PP-OCR models, so nothing is downloaded
when it runs. It returns text boxes with the box of every character. Boxes
whose vertical middles fall inside one another make one line, read left to
right; lines go top to bottom. Inside a line, a gap wider than a character's
height becomes one space (two figures in neighbouring columns stay apart) and
a smaller gap none, so 「1201. 15」 with a stray space reads 1201.15. Text
read this way is marked ``ocr`` in its region: a finding resting on it is
never above warning (``engine.lint``).
"""
from __future__ import annotations

_ENGINE: list = []  # the loaded engine, once per process (loading the models takes about a second)
_LONG_SIDE = 2000     # pixels: RapidOCR scales larger images down to this anyway


def engine():
    """The OCR engine, or None when the ``ocr`` extra is not installed."""
    if not _ENGINE:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            return None
        _ENGINE.append(RapidOCR())
    return _ENGINE[0]


def _chars(item) -> list[tuple[str, float, float, float, float]]:
    """(char, x0, top, x1, bottom) of one recognised box; spaces dropped (gaps are measured instead).

    Without character boxes (older RapidOCR, or none for this box) the box's width is shared evenly.
    """
    quads, chars = (item[3], item[4]) if len(item) > 4 and item[3] else (None, item[1])
    if quads is None:
        xs, ys = [p[0] for p in item[0]], [p[1] for p in item[0]]
        step = (max(xs) - min(xs)) / max(len(chars), 1)
        quads = [[[min(xs) + i * step, min(ys)], [min(xs) + (i + 1) * step, max(ys)]] for i in range(len(chars))]
    out = []
    for ch, quad in zip(chars, quads):
        if ch.strip():
            xs, ys = [p[0] for p in quad], [p[1] for p in quad]
            out.append((ch, min(xs), min(ys), max(xs), max(ys)))
    return out


def lines(results) -> list[str]:
    """The recognised boxes as lines of text in reading order."""
    chars = sorted((c for item in results or [] for c in _chars(item)), key=lambda c: (c[2] + c[4]) / 2)
    rows: list[list] = []
    for c in chars:
        mid = (c[2] + c[4]) / 2
        row = rows[-1] if rows else None
        if row and min(r[2] for r in row) <= mid <= max(r[4] for r in row):
            row.append(c)
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        height = max(c[4] - c[2] for c in row)
        text = row[0][0]
        for prev, c in zip(row, row[1:]):
            text += (" " if c[1] - prev[3] > height else "") + c[0]
        out.append(text)
    return out


def read_page(ocr, page, b) -> bool:
    """OCR one pypdfium2 page into the ``TextBuilder`` ``b``; whether any text was read."""
    import numpy as np

    width, height = page.get_size()
    image = page.render(scale=_LONG_SIDE / max(width, height), grayscale=True).to_pil().convert("RGB")
    results, _ = ocr(np.asarray(image), return_word_box=True)
    found = lines(results)
    for ln in found:
        b.line(ln)
    return bool(found)
