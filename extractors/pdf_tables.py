"""pdfplumber's table finder (ruling lines both ways, default settings), its cell search made
cheap.

pdfplumber's `intersections_to_cells` asks, for each pair of points it tries, which edges the
two have in common, building a set of each point's edges for every question, and scans the
rest of the points for each point's neighbours: most of the finder's time on a form page.
Here each point's sets and neighbours are found once; the search itself, the edges before
it and the grouping into tables after it are pdfplumber's, step for step, so the cells are
the ones `TableFinder(page).tables` holds (tests/extractors/test_pdf_lines.py compares the
two on every page of the generated forms).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pdfplumber.table import TableSettings, cells_to_tables, edges_to_intersections, merge_edges
from pdfplumber.utils import filter_edges
from pdfplumber.utils.geometry import obj_to_bbox

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's bbox)
_Point = tuple[float, float]


def find_table_cells(edges: list[dict[str, Any]]) -> list[list[Rect]]:
    """The cells of each table the edges (pdfplumber's edge dicts) rule, tables in reading
    order (top, then left), cells as pdfplumber lists them."""
    settings = TableSettings.resolve(None)
    # TableFinder.get_edges for the "lines" strategy without explicit lines
    ruled = (filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter)
             + filter_edges(edges, "h", min_length=settings.edge_min_length_prefilter))
    ruled = merge_edges(ruled, snap_x_tolerance=settings.snap_x_tolerance,
                        snap_y_tolerance=settings.snap_y_tolerance, join_x_tolerance=settings.join_x_tolerance,
                        join_y_tolerance=settings.join_y_tolerance)
    ruled = filter_edges(ruled, min_length=settings.edge_min_length)
    intersections = edges_to_intersections(ruled, settings.intersection_x_tolerance,
                                           settings.intersection_y_tolerance)
    tables = cells_to_tables(intersections_to_cells(intersections))
    tables.sort(key=lambda cells: (min(c[1] for c in cells), min(c[0] for c in cells)))  # Table.bbox's top, left
    return [[(float(c[0]), float(c[1]), float(c[2]), float(c[3])) for c in cells] for cells in tables]


def intersections_to_cells(intersections: dict[_Point, dict[str, list[dict[str, Any]]]]) -> list[Rect]:
    """pdfplumber.table.intersections_to_cells: for each point in order, the smallest cell
    whose corners are points joined by common edges (the point its top-left)."""
    vertical = {p: set(map(obj_to_bbox, d["v"])) for p, d in intersections.items()}
    horizontal = {p: set(map(obj_to_bbox, d["h"])) for p, d in intersections.items()}

    def edge_connects(p1: _Point, p2: _Point) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    points = sorted(intersections)
    # the points after each one with its x (right below it in this order) and with its y
    same_x_end: dict[float, int] = {}
    for i, p in enumerate(points):
        same_x_end[p[0]] = i + 1
    by_y: dict[float, list[_Point]] = {}
    for p in points:
        by_y.setdefault(p[1], []).append(p)

    def smallest_cell(i: int) -> Rect | None:
        pt = points[i]
        below: Sequence[_Point] = points[i + 1:same_x_end[pt[0]]]
        right = [x for x in by_y[pt[1]] if x > pt]
        for below_pt in below:
            if not edge_connects(pt, below_pt):
                continue
            for right_pt in right:
                if not edge_connects(pt, right_pt):
                    continue
                bottom_right = (right_pt[0], below_pt[1])
                if (bottom_right in intersections and edge_connects(bottom_right, right_pt)
                        and edge_connects(bottom_right, below_pt)):
                    return (pt[0], pt[1], bottom_right[0], bottom_right[1])
        return None

    return [cell for i in range(len(points) - 1) if (cell := smallest_cell(i)) is not None]

