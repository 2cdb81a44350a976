"""graphs.betweenness equals networkx's to the last bit; co_occurrences finds every pair."""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import combinations

import networkx as nx
import pytest

from footprint import graphs


def fast_betweenness(graph: nx.Graph) -> dict:
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    values = graphs.betweenness([[index[w] for w in graph[v]] for v in nodes])
    return dict(zip(nodes, values, strict=True))


def random_graph(seed: int) -> nx.Graph:
    """Nodes and edges added in a random order (the order matters to the floats)."""
    rng = random.Random(seed)
    graph = nx.Graph()
    nodes = [f"n{rng.randrange(10**6)}" for _ in range(rng.randint(0, 45))]
    graph.add_nodes_from(nodes)
    density = rng.choice([0.03, 0.08, 0.2, 0.5, 0.9])
    pairs = [(a, b) for a, b in combinations(nodes, 2) if rng.random() < density]
    rng.shuffle(pairs)
    graph.add_edges_from((b, a) if rng.random() < 0.5 else (a, b) for a, b in pairs)
    return graph


@pytest.mark.parametrize("seed", range(150))
def test_betweenness_is_networkx_to_the_last_bit(seed):
    graph = random_graph(seed)
    assert fast_betweenness(graph) == nx.betweenness_centrality(graph)


@pytest.mark.parametrize("seed", range(30))
def test_betweenness_adds_large_path_counts_in_networkx_order(seed, monkeypatch):
    monkeypatch.setattr(graphs, "EXACT_SUM", 0)  # as if every count were beyond 2**53
    graph = random_graph(seed)
    assert fast_betweenness(graph) == nx.betweenness_centrality(graph)


def test_betweenness_with_more_shortest_paths_than_floats_count_exactly():
    # A chain of 60 diamonds: 2**60 shortest paths end to end.
    graph = nx.Graph()
    for i in range(60):
        graph.add_edges_from([(3 * i, 3 * i + 1), (3 * i, 3 * i + 2)])
        graph.add_edges_from([(3 * i + 1, 3 * i + 3), (3 * i + 2, 3 * i + 3)])
    assert fast_betweenness(graph) == nx.betweenness_centrality(graph)


def test_co_occurrences_are_the_pairs_of_each_group_in_the_order_met():
    rng = random.Random(1)
    members = [sorted(rng.sample(range(200), rng.randint(0, 40))) for _ in range(30)]
    expected: dict[tuple[int, int], list[int]] = defaultdict(list)
    groups: dict[int, list[int]] = defaultdict(list)
    for item, found in enumerate(members):
        for group in found:
            groups[group].append(item)
    for group in sorted(groups):
        for pair in combinations(sorted(groups[group]), 2):
            expected[pair].append(group)
    pairs = graphs.co_occurrences(members)
    found = {
        (a, b): pairs.shared(k)
        for k, (a, b) in enumerate(zip(pairs.first, pairs.second, strict=True))
    }
    assert list(found.items()) == list(expected.items())
    assert pairs.weights() == [len(groups) for groups in expected.values()]
    assert graphs.Pairs.of(dict(expected)) == pairs
    assert graphs.co_occurrences([[1], [2], []]) == graphs.Pairs([], [], [0], [])
