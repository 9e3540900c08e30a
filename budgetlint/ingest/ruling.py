"""Ruled tables from a page's rules: the cells and tables that pdfplumber's 'lines' strategy finds.

The same steps as ``pdfplumber.table`` (snap rules lying within the
tolerance of one another to their mean position, join collinear pieces that
nearly touch, intersect horizontals with verticals, take each intersection's
smallest closed rectangle as a cell, group cells sharing a corner into
tables), with the same arithmetic, so the cells come out identical; but on
plain tuples, with the intersections indexed by row and column, and without
importing pdfminer. Coordinates are PDF points measured down from the page top.
"""
from __future__ import annotations

from itertools import groupby

HEdge = tuple[float, float, float]  # top, x0, x1
VEdge = tuple[float, float, float]  # x, top, bottom
Box = tuple[float, float, float, float]  # x0, top, x1, bottom: top and bottom measured down from the page top


def _snap(edges: list[tuple], tolerance: float) -> list[tuple]:
    """Edges whose position (first field) lies within ``tolerance`` of the next one's, chained, move to their mean."""
    values = sorted({e[0] for e in edges})
    cluster, k, last = {}, 0, None
    for v in values:
        if last is not None and v > last + tolerance:
            k += 1
        cluster[v] = k
        last = v
    members: dict[int, list[tuple]] = {}
    for e in sorted(edges, key=lambda e: cluster[e[0]]):
        members.setdefault(cluster[e[0]], []).append(e)
    out = []
    for group in members.values():
        mean = sum(e[0] for e in group) / len(group)
        out += [(e[0] + (mean - e[0]), e[1], e[2]) for e in group]  # pdfplumber's move_object arithmetic
    return out


def _join(edges: list[tuple], tolerance: float) -> list[tuple]:
    """Collinear edges (same position) whose extents overlap or nearly touch become one."""
    out = []
    for pos, group in groupby(sorted(edges, key=lambda e: e[0]), key=lambda e: e[0]):
        joined: list[list[float]] = []
        for _, lo, hi in sorted(group, key=lambda e: e[1]):
            if joined and lo <= joined[-1][2] + tolerance:
                joined[-1][2] = max(joined[-1][2], hi)
            else:
                joined.append([pos, lo, hi])
        out += [tuple(e) for e in joined]
    return out


def find_tables(h_edges: list[HEdge], v_edges: list[VEdge], tolerance: float = 3, min_edges: int = 4) -> list[list[Box]]:
    """Groups of cell boxes, one group per ruled table of at least two cells, top to bottom."""
    if len(h_edges) + len(v_edges) < min_edges:
        return []
    h = [e for e in _join(_snap(h_edges, tolerance), tolerance) if e[2] - e[1] >= tolerance]
    v = [e for e in _join(_snap(v_edges, tolerance), tolerance) if e[2] - e[1] >= tolerance]
    # intersections: point -> the vertical and horizontal rules through it
    through_v: dict[tuple[float, float], set] = {}
    through_h: dict[tuple[float, float], set] = {}
    for x, top, bottom in v:
        for y, x0, x1 in h:
            if top <= y + tolerance and bottom >= y - tolerance and x0 - tolerance <= x <= x1 + tolerance:
                through_v.setdefault((x, y), set()).add((x, top, bottom))
                through_h.setdefault((x, y), set()).add((y, x0, x1))
    points = sorted(through_v)
    below: dict[float, list[tuple[float, float]]] = {}
    right: dict[float, list[tuple[float, float]]] = {}
    for p in points:
        below.setdefault(p[0], []).append(p)
        right.setdefault(p[1], []).append(p)

    def vertical(p, q) -> bool:
        return not through_v[p].isdisjoint(through_v[q])

    def horizontal(p, q) -> bool:
        return not through_h[p].isdisjoint(through_h[q])

    cells: list[Box] = []
    for p in points:
        for b in below[p[0]]:
            if b[1] <= p[1] or not vertical(p, b):
                continue
            found = None
            for r in right[p[1]]:
                if r[0] <= p[0] or not horizontal(p, r):
                    continue
                corner = (r[0], b[1])
                if corner in through_v and vertical(corner, r) and horizontal(corner, b):
                    found = (p[0], p[1], corner[0], corner[1])
                    break
            if found:
                cells.append(found)
                break
    return _group(cells)


def _group(cells: list[Box]) -> list[list[Box]]:
    """Cells sharing a corner, directly or through others, form one table."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    tables: dict[int, list[Box]] = {}
    for i, c in enumerate(cells):
        tables.setdefault(root(i), []).append(c)
    return sorted((t for t in tables.values() if len(t) > 1), key=lambda t: min((c[1], c[0]) for c in t))
