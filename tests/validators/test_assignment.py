"""The one-to-one pairing behind paper matching: the array steps pick the pairs the loop
picks, a regret is the drop of the best total without the pair, and groups solved apart add
up to the whole."""

from __future__ import annotations

import random

import numpy as np
import pytest

from shenbao.validators.assignment import _owners, _owners_vectorised, max_weight_assignment, solve
from shenbao.validators.paper_match import _assign, _components

# Scores as paper matching makes them: rounded to 4 decimals, many equal (ties).
TIED = (0.6, 0.7, 0.7, 0.74, 0.85, 0.9, 0.9, 1.0)


def tied_matrix(rng: random.Random, rows: int, cols: int, density: float = 0.4) -> list[list[float]]:
    return [[rng.choice(TIED) if rng.random() < density else 0.0 for _ in range(cols)] for _ in range(rows)]


def test_array_steps_pick_the_same_pairs_as_the_loop_on_tied_scores() -> None:
    rng = random.Random(18)
    for _ in range(300):
        rows = rng.randint(1, 25)
        matrix = tied_matrix(rng, rows, rng.randint(rows, 30))
        owner, u, v = _owners(matrix, len(matrix), len(matrix[0]))
        owner_a, u_a, v_a = _owners_vectorised(np.array(matrix))
        assert owner == owner_a.tolist()
        assert u == u_a.tolist() and v == v_a.tolist()  # the same arithmetic, bit for bit


def test_regret_is_the_drop_of_the_best_total_without_the_pair() -> None:
    rng = random.Random(5)
    for _ in range(150):
        rows, cols = rng.randint(1, 14), rng.randint(1, 14)
        matrix = tied_matrix(rng, rows, cols, density=0.5)
        best = solve(matrix)
        total = sum(matrix[i][j] for i, j in best.pairs)
        for i, j in best.pairs:
            without = [row[:] for row in matrix]
            without[i][j] = 0.0
            again = sum(without[a][b] for a, b in max_weight_assignment(without))
            assert best.regret((i, j)) == pytest.approx(total - again, abs=1e-9)


def test_regret_stops_once_it_is_known_to_be_enough() -> None:
    # Without (0,0) the best is 0.2 instead of 1.0: a drop of 0.8.
    best = solve([[1.0, 0.2], [0.0, 0.0]])
    assert best.pairs == [(0, 0)]
    assert best.regret((0, 0)) == pytest.approx(0.8)
    assert 0.1 <= best.regret((0, 0), enough=0.1) <= 0.8


def test_groups_solved_apart_add_up_to_the_best_total_of_the_whole() -> None:
    rng = random.Random(11)
    for _ in range(60):
        # Several units and applications sharing a few names: many small groups, some ties.
        edges = {(i, j): rng.choice(TIED) for i in range(30) for j in range(30) if rng.random() < 0.06}
        if not edges:
            continue
        strong = {k for k, v in edges.items() if v >= 0.85}
        sure, doubtful, _ = _assign(edges, strong, 0.08)
        pairs = sure + doubtful
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        whole = [[edges.get((i, j), 0.0) for j in range(30)] for i in range(30)]
        best = sum(whole[i][j] for i, j in max_weight_assignment(whole))
        assert sum(edges[p] for p in pairs) == pytest.approx(best, abs=1e-9)
        assert sum(len(g) for g in _components(edges)) == len(edges)


def test_a_strong_pair_is_sure_only_when_the_group_loses_the_margin_without_it() -> None:
    # Receipt 0 fits application 0 (1.0) and application 1 nearly as well (0.95): in doubt.
    sure, doubtful, _ = _assign({(0, 0): 1.0, (0, 1): 0.95}, {(0, 0), (0, 1)}, 0.08)
    assert sure == [] and doubtful == [(0, 0)]
    # With application 1 a poor fit the pairing is sure.
    sure, doubtful, _ = _assign({(0, 0): 1.0, (0, 1): 0.7}, {(0, 0)}, 0.08)
    assert sure == [(0, 0)] and doubtful == []
