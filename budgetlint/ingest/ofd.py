"""OFD (GB/T 33190, China's fixed-layout format): text objects page by page, ruled tables from paths.

An OFD file is a zip of XML: ``OFD.xml`` names the document's root
(``DocRoot``), whose ``Pages`` list each page's content. Every
``TextObject`` places its ``TextCode`` runs at ``Boundary`` + CTM·(X, Y), Y
being the baseline, with ``DeltaX`` giving each character's advance (``g N
d`` repeats d N times); units are millimetres, y measured down from the top.
Characters are read in reading order: runs whose baselines lie within half
a character of one another make one line, left to right, a gap wider than
a character becoming one space; lines go top to bottom.

``PathObject`` outlines (``AbbreviatedData``: M/S move, L line, C close)
give the page's horizontal and vertical rules; the PDF reader's table
geometry (``_layout``) turns them into ruled tables, whose cells read the
characters inside them. Text outside ruled tables is prose; a table drawn
without rules reads as lines of text. Pages are located like PDF pages
(``page=N``, lines counted from the page top). A page holding only images
gets a note (BL902): nothing on it was read.
"""
from __future__ import annotations

import posixpath
import re
import zipfile

from ..document import Document
from . import InputError
from ._layout import PageWriter, edge, ruled_tables
from ._zip import open_office_zip

_TOLERANCE = 1.0  # mm: rules this close snap and join (about pdfplumber's 3 pt)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}

Char = tuple[str, float, float, float]  # text, x, baseline y, size


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _floats(s: str | None) -> list[float]:
    return [float(v) for v in _NUMBER.findall(s or "")]


def _deltas(s: str | None) -> list[float]:
    """DeltaX/DeltaY with the ``g N d`` shorthand expanded."""
    out: list[float] = []
    tokens = (s or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def _placer(obj):
    """Maps a point of the object's own space onto the page: its ``CTM`` (if any), then its ``Boundary`` origin."""
    bx, by = (_floats(obj.get("Boundary")) + [0, 0])[:2]
    ctm = _floats(obj.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1, 0, 0, 1, 0, 0)
    return lambda x, y: (bx + a * x + c * y + e, by + b * x + d * y + f), abs(d) or 1


def _chars(obj) -> list[Char]:
    place, scale = _placer(obj)
    size = float(obj.get("Size") or 3.5) * scale
    out: list[Char] = []
    x = y = 0.0
    for code in obj:
        if _local(code.tag) != "TextCode":
            continue
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        deltas = _deltas(code.get("DeltaX"))
        for i, ch in enumerate(code.text or ""):
            if ch.strip():
                out.append((ch, *place(x, y), size))
            x += deltas[i] if i < len(deltas) else size / scale
    return out


def _path_edges(obj) -> list[dict]:
    place, _ = _placer(obj)
    data = None
    for child in obj:
        if _local(child.tag) == "AbbreviatedData":
            data = child.text or ""
    if not data:
        return []
    edges: list[dict] = []
    tokens = re.findall(r"[A-Za-z]|" + _NUMBER.pattern, data)
    i, cur, start = 0, None, None
    while i < len(tokens):
        op = tokens[i]
        n = _ARGS.get(op)
        if n is None:  # a stray number or unknown operator: skip it
            i += 1
            continue
        args = [float(t) for t in tokens[i + 1:i + 1 + n]]
        i += 1 + n
        if op in "MS" and len(args) == 2:
            cur = start = place(*args)
        elif op == "L" and len(args) == 2 and cur:
            nxt = place(*args)
            e = edge(cur[0], cur[1], nxt[0], nxt[1])
            if e:
                edges.append(e)
            cur = nxt
        elif op == "C" and cur and start:
            e = edge(cur[0], cur[1], start[0], start[1])
            if e:
                edges.append(e)
            cur = start
        elif n and len(args) == n:
            cur = place(*args[-2:])  # a curve ends at its last point
    return edges


def _lines(chars: list[Char]) -> str:
    """Characters as lines in reading order."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c[2]):
        if rows and abs(ch[2] - rows[-1][0][2]) <= ch[3] / 2:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        text = row[0][0]
        for prev, c in zip(row, row[1:]):
            gap = c[1] - prev[1] - (prev[3] if ord(prev[0]) > 0x2e80 else prev[3] / 2)
            text += (" " if gap > c[3] else "") + c[0]
        out.append(text)
    return "\n".join(out)


class _OfdReader(PageWriter):
    def __init__(self, path: str):
        super().__init__("ofd")
        self.path = path

    def fail(self, why: str) -> InputError:
        return InputError(self.path, f".ofd 文件已损坏，无法解析（{why}）", f"corrupt .ofd file, cannot be parsed ({why})")

    def xml(self, z: zipfile.ZipFile, name: str):
        import lxml.etree as etree

        name = name.lstrip("/")
        try:
            data = z.read(name)
        except KeyError:
            raise self.fail(f"no {name}") from None
        try:
            return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as e:
            raise self.fail(f"{name}: {e.msg}") from None

    def page(self, root) -> bool:
        """Write one page; whether it holds only images (no text, no rules)."""
        chars: list[Char] = []
        edges: list[dict] = []
        images = 0
        for obj in root.iter():
            kind = _local(obj.tag)
            if kind == "TextObject":
                chars += _chars(obj)
            elif kind == "PathObject":
                edges += _path_edges(obj)
            elif kind == "ImageObject":
                images += 1
        tables = ruled_tables(edges, _TOLERANCE)

        def text_in(box) -> str:
            return _lines([c for c in chars if box[0] <= c[1] + c[3] / 4 < box[2] and box[1] <= c[2] - c[3] / 3 < box[3]])

        def band(top: float, bottom: float) -> str:
            return _lines([c for c in chars if top <= c[2] - c[3] / 3 < bottom])

        self.write_page(tables, text_in, band, float("inf"))  # to the bottom, whatever the page size
        return bool(images) and not chars

    def read(self) -> Document:
        open_office_zip(self.path, ".ofd", "OFD.xml")
        with zipfile.ZipFile(self.path) as z:
            root = self.xml(z, "OFD.xml")
            doc_root = next((e.text for e in root.iter() if _local(e.tag) == "DocRoot" and e.text), None)
            if not doc_root:
                raise self.fail("no DocRoot in OFD.xml")
            doc_root = doc_root.strip().lstrip("/")
            document = self.xml(z, doc_root)
            base = posixpath.dirname(doc_root)
            pages = [e.get("BaseLoc", "") for e in document.iter() if _local(e.tag) == "Page"]
            for i, loc in enumerate(pages):
                start = self.start_page(i)
                name = loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(posixpath.join(base, loc))
                only_images = self.page(self.xml(z, name))
                self.end_page(start, i, (f"第 {i + 1} 页只有图像，没有文字，其上内容未检查",
                                         f"page {i + 1} holds only images, no text: nothing on it was checked")
                              if only_images else None)
            has_text = self.finish()
        if not has_text:
            raise InputError(self.path, "OFD 文件中没有可提取的文字", "OFD file holds no extractable text")
        return self.b.document(self.path, "ofd")


def read_ofd(path: str) -> Document:
    return _OfdReader(path).read()
