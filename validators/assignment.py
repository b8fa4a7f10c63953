"""Pairing rows with columns one-to-one so that the summed profit is highest, and how much the
best total drops when one chosen pair is forbidden (its *regret*).

Paper matching pairs receipts with applications this way (`paper_match._assign`). In a call of
500 applications most groups of candidates are 1×1 or 2×2, but units with similar names join
into one group of a few hundred receipts and applications; there the regret of each chosen pair,
solved again from scratch without it, was most of the matching's time. Here it is one shortest
path over the optimal solution's reduced costs instead (see `Assignment.regret`).

Pure; scipy is not a dependency. Ties resolve deterministically by index: the steps are those of
the Hungarian method with potentials (e-maxx's formulation), in pure Python for small matrices
and on numpy arrays for larger ones — the same arithmetic in the same order, so the same pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

_INF = float("inf")
# From this many rows (of the orientation solved: rows <= columns) the numpy steps are faster.
VECTORISE_FROM = 8

Pair = tuple[int, int]


def max_weight_assignment(profit: Sequence[Sequence[float]]) -> list[Pair]:
    """Pairs (row, column) maximising the summed profit, each row and column used at most once.

    `profit[i][j]` must be >= 0; a pair with profit 0 counts as "not paired" and is never
    returned. Rows and columns may differ in number; ties resolve deterministically by index.
    O(n²·m) for n = min(rows, columns)."""
    return solve(profit).pairs


@dataclass(frozen=True)
class Assignment:
    """An optimal assignment and what its regrets are computed from: the matrix in the
    orientation solved (rows <= columns), the potentials u (rows) and v (columns) and the owner
    of each column (1-based rows, 0 = free; index 0 is scratch)."""

    pairs: list[Pair]  # (row, column) of the profit matrix given, sorted
    transposed: bool
    cost: NDArray[np.float64]  # -profit, rows <= columns
    u: NDArray[np.float64]
    v: NDArray[np.float64]
    owner: NDArray[np.int64]

    def regret(self, pair: Pair, enough: float = _INF) -> float:
        """How much the best total drops when `pair` (one of `pairs`) may not be used; once it
        is known to be at least `enough`, a value >= `enough` is returned without finishing.

        The optimal potentials stay feasible when the pair's profit is set to 0, and every other
        chosen pair stays tight; padded to a square with zero rows on the free columns (their
        potential 0: the columns' v is 0 there and <= 0 elsewhere), the best assignment without
        the pair is the chosen one changed along the shortest alternating path from the pair's
        row to its column over reduced costs, and that path's length is the drop. Equal to
        solving again without the pair, up to rounding in the last bits."""
        a, b = (pair[1], pair[0]) if self.transposed else pair
        reduced_row_a = self.cost[a] - self.u[a + 1] - self.v[1:]
        # The pair itself, its profit set to 0: row a and column b left unpaired.
        dist = reduced_row_a.copy()
        dist[b] = -self.cost[a, b]
        row_of = self.owner[1:] - 1  # -1: a free column, held by a zero row of the padding
        free_row = -self.v[1:]  # reduced costs of a zero row
        settled = np.zeros(dist.shape[0], dtype=bool)
        while True:
            pending = np.where(settled, _INF, dist)
            j = int(np.argmin(pending))
            d = float(pending[j])
            if j == b or d >= enough:
                return d
            settled[j] = True
            r = int(row_of[j])
            step = free_row if r < 0 else self.cost[r] - self.u[r + 1] - self.v[1:]
            np.minimum(dist, d + step, out=dist, where=~settled)


def solve(profit: Sequence[Sequence[float]] | NDArray[np.float64]) -> Assignment:
    """The optimal assignment of `profit` (see `max_weight_assignment`) with its potentials."""
    matrix = np.asarray(profit, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] == 0 or matrix.shape[1] == 0:
        empty = np.zeros((0, 0))
        return Assignment([], False, empty, np.zeros(1), np.zeros(1), np.zeros(1, dtype=np.int64))
    transposed = matrix.shape[0] > matrix.shape[1]
    if transposed:
        matrix = matrix.T
    rows, cols = matrix.shape
    if rows >= VECTORISE_FROM:
        owner, u, v = _owners_vectorised(matrix)
    else:
        owner_list, u_list, v_list = _owners(matrix.tolist(), rows, cols)
        owner, u, v = np.array(owner_list, dtype=np.int64), np.array(u_list), np.array(v_list)
    chosen = [(int(owner[j]) - 1, j - 1) for j in range(1, cols + 1)
              if owner[j] and matrix[owner[j] - 1, j - 1] > 0]
    pairs = sorted((j, i) for i, j in chosen) if transposed else sorted(chosen)
    return Assignment(pairs, transposed, -matrix, u, v, owner)


def _owners(matrix: Sequence[Sequence[float]], rows: int, cols: int) -> tuple[list[int], list[float], list[float]]:
    """The Hungarian method with potentials (rows <= cols) on profits: owner[j] is the row
    (1-based) given column j (1-based), 0 for none; owner[0] is scratch. With u and v."""
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        minv = [_INF] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta, j1 = _INF, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                cur = -matrix[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while True:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
            if j0 == 0:
                break
    return owner, u, v


def _owners_vectorised(matrix: NDArray[np.float64]
                       ) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """`_owners` with its loops over columns as array operations: the same result (argmin
    takes the first least value, as the loop's strict `<` does)."""
    rows, cols = matrix.shape
    cost = -matrix
    u = np.zeros(rows + 1)
    v = np.zeros(cols + 1)
    owner = np.zeros(cols + 1, dtype=np.int64)
    way = np.zeros(cols + 1, dtype=np.int64)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        minv = np.full(cols + 1, _INF)
        used = np.zeros(cols + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = int(owner[j0])
            cur = cost[i0 - 1] - u[i0] - v[1:]
            free = ~used[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            candidates = np.where(free, minv[1:], _INF)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            u[owner[used]] += delta
            v[used] -= delta
            minv[~used] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while True:
            j1 = int(way[j0])
            owner[j0] = owner[j1]
            j0 = j1
            if j0 == 0:
                break
    return owner, u, v
