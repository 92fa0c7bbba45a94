"""Graph algorithms on integer node ids over ``scipy.sparse`` CSR matrices.

Nodes are ``0..n-1``; an adjacency matrix has one stored entry per (source, target)
pair, whose value is a bit mask of the edge's kinds. Everything here works on arrays
(no Python object per node or edge), so a graph of a million pages fits in memory and
time that a per-object graph does not.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

Mask = NDArray[np.uint8]
Ints = NDArray[np.int64]
Floats = NDArray[np.float64]

#: PageRank stops when an iteration changes the vector by less than this (L1 norm).
#: The distance to the true vector is then at most alpha/(1-alpha) times that (5.7e-11
#: at alpha 0.85), whatever the number of pages.
TOLERANCE = 1e-11
MAX_ITERATIONS = 10_000
UNREACHED = -1


class NotConverged(ArithmeticError):
    """PageRank did not converge within the iteration limit."""


def adjacency(n: int, sources: Ints, targets: Ints, bits: Mask) -> sparse.csr_matrix:
    """The n x n CSR matrix with one entry per (source, target) pair holding the OR of
    the ``bits`` of every edge between them (duplicates merged)."""
    out = sparse.csr_matrix((n, n), dtype=np.uint8)
    for bit in np.unique(bits):
        chosen = bits == bit
        ones = np.ones(int(chosen.sum()), dtype=np.uint8)
        part = sparse.csr_matrix((ones, (sources[chosen], targets[chosen])), shape=(n, n))
        part.sum_duplicates()
        part.data[:] = bit  # duplicate pairs of one kind count once
        out = _union(out, part)
    out.sort_indices()
    return out


def _union(a: sparse.csr_matrix, b: sparse.csr_matrix) -> sparse.csr_matrix:
    """Entry-wise OR of two bit-mask matrices whose masks share no bit."""
    if a.nnz == 0:
        return b
    total = (a.astype(np.uint16) + b.astype(np.uint16)).tocsr()  # disjoint bits: + is |
    return total.astype(np.uint8)


def pagerank(
    adj: sparse.csr_matrix,
    alpha: float = 0.85,
    personalization: Floats | None = None,
    dangling: Floats | None = None,
    tol: float = TOLERANCE,
    max_iter: int = MAX_ITERATIONS,
) -> Floats:
    """PageRank by power iteration, with networkx's semantics: an edge's weight is its
    stored value when the matrix is float (else 1), a page's out-weights are normalised,
    the random jump follows ``personalization`` (uniform by default) and a page without
    out-links (dangling) hands its rank on by ``dangling`` (default: the jump vector).

    Unlike networkx (which stops once the change is below ``n * tol``, so its error grows
    with the size of the graph) this stops when the L1 change is below ``tol`` itself."""
    n = adj.shape[0]
    if n == 0:
        return np.zeros(0)
    weights = adj.astype(np.float64) if adj.dtype.kind == "f" else _ones(adj)
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    is_dangling = out_weight == 0
    scale = np.divide(1.0, out_weight, out=np.zeros(n), where=~is_dangling)
    # transition[t, s] = weight(s -> t) / out_weight(s): next = transition @ rank
    transition = (sparse.diags(scale) @ weights).T.tocsr()
    jump = _distribution(personalization, n)
    spread = jump if dangling is None else _distribution(dangling, n)
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        rank = alpha * (transition @ previous + previous[is_dangling].sum() * spread) + (1 - alpha) * jump
        if np.abs(rank - previous).sum() < tol:
            return rank
    raise NotConverged(f"PageRank did not converge in {max_iter} iterations")


def _ones(adj: sparse.csr_matrix) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(adj.nnz), adj.indices, adj.indptr), shape=adj.shape)


def _distribution(values: Floats | None, n: int) -> Floats:
    if values is None:
        return np.full(n, 1.0 / n)
    values = np.asarray(values, dtype=np.float64)
    total = values.sum()
    if values.shape != (n,) or total <= 0 or (values < 0).any():
        raise ValueError("a PageRank distribution needs one non-negative value per node and a positive sum")
    return values / total


def depths(adj: sparse.csr_matrix, source: int, targets: Ints | None = None) -> Ints:
    """Breadth-first link distance from ``source`` to every node (``UNREACHED`` when no
    path leads there). With ``targets`` the search stops once all of them are reached
    (other nodes may then stay ``UNREACHED``)."""
    n = adj.shape[0]
    depth = np.full(n, UNREACHED, dtype=np.int64)
    depth[source] = 0
    frontier = np.array([source], dtype=np.int64)
    pending = None if targets is None else np.asarray(targets, dtype=np.int64)
    slot = np.empty(n, dtype=np.int64)  # dedup scratch: the last position that wrote a node
    level = 0
    while frontier.size:
        if pending is not None:
            pending = pending[depth[pending] == UNREACHED]
            if not pending.size:
                break
        level += 1
        reached = _neighbours(adj, frontier)
        reached = reached[depth[reached] == UNREACHED]
        positions = np.arange(reached.size)
        slot[reached] = positions
        frontier = reached[slot[reached] == positions]  # each node once
        depth[frontier] = level
    return depth


def _neighbours(adj: sparse.csr_matrix, rows: Ints) -> Ints:
    """The column indices of every entry in ``rows`` (with repeats)."""
    starts, ends = adj.indptr[rows], adj.indptr[rows + 1]
    counts = ends - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    # position i of the output reads indices[starts[row] + (i - first output of row)]
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return adj.indices[offsets + np.arange(total)].astype(np.int64)


def kind_mask(adj: sparse.csr_matrix, inbound: bool) -> Mask:
    """Per node, the OR of the kinds of its inbound (or outbound) edges."""
    mask = np.zeros(adj.shape[0], dtype=np.uint8)
    for bit in np.unique(adj.data):
        for single in (1 << b for b in range(8) if int(bit) & (1 << b)):
            mask[degree(adj, single, inbound) > 0] |= single
    return mask


def degree(adj: sparse.csr_matrix, bit: int | None, inbound: bool) -> Ints:
    """Per node, how many pages it links to (or that link to it) with an edge of kind
    ``bit`` (any kind when None)."""
    n = adj.shape[0]
    chosen = np.ones(adj.nnz, dtype=bool) if bit is None else (adj.data & bit) != 0
    if inbound:
        return np.bincount(adj.indices[chosen], minlength=n).astype(np.int64)
    rows = np.repeat(np.arange(n), np.diff(adj.indptr))
    return np.bincount(rows[chosen], minlength=n).astype(np.int64)


def components(adj: sparse.csr_matrix, strong: bool) -> tuple[int, Ints]:
    """(count, label per node) of the weakly or strongly connected components."""
    from scipy.sparse import csgraph  # with scipy.linalg: 40 ms, for the few that ask

    count, labels = csgraph.connected_components(
        adj, directed=True, connection="strong" if strong else "weak"
    )
    return int(count), labels.astype(np.int64)
