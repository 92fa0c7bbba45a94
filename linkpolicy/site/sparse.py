"""Graph algorithms on integer node ids over a compressed sparse row matrix (:class:`CSR`).

Nodes are ``0..n-1``; an adjacency matrix has one stored entry per (source, target)
pair, whose value is a bit mask of the edge's kinds. Everything here works on numpy
arrays (no Python object per node or edge), so a graph of a million pages fits in memory
and time that a per-object graph does not. scipy.sparse (0.1 s to import) is used only
where it does what numpy does not do as fast: PageRank's product on a graph of
:data:`SCIPY_FROM` entries and more, and connected components.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

Mask = NDArray[np.uint8]
Ints = NDArray[np.int64]
Floats = NDArray[np.float64]

#: PageRank stops when an iteration changes the vector by less than this (L1 norm).
#: The distance to the true vector is then at most alpha/(1-alpha) times that (5.7e-11
#: at alpha 0.85), whatever the number of pages.
TOLERANCE = 1e-11
MAX_ITERATIONS = 10_000
UNREACHED = -1
#: Matrix entries from which PageRank's product goes through scipy.sparse: about three
#: times as fast as numpy's gather and sum, which is faster below this size once
#: scipy's import is counted.
SCIPY_FROM = 1 << 20
#: PageRank groups the links of graphs of up to this many nodes by a radix sort of their
#: 16-bit targets (a sort of packed keys above)
RADIX_UP_TO = 1 << 16


class NotConverged(ArithmeticError):
    """PageRank did not converge within the iteration limit."""


class COO(NamedTuple):
    row: Ints
    col: Ints
    data: NDArray[Any]


@dataclass(eq=False)
class CSR:
    """A square matrix in compressed sparse row form, as scipy.sparse lays one out: row
    ``i``'s entries are ``data[indptr[i]:indptr[i + 1]]`` in the columns ``indices[...]``
    (sorted, each once)."""

    indptr: Ints
    indices: NDArray[Any]
    data: NDArray[Any]

    @classmethod
    def checked(cls, indptr: Ints, indices: NDArray[Any], data: NDArray[Any]) -> CSR:
        """The matrix of arrays read from elsewhere (a record), after checking that they
        lay one out; ValueError when they do not."""
        n = len(indptr) - 1
        if n < 0 or indptr[0] != 0 or (np.diff(indptr) < 0).any() or indptr[-1] != len(indices):
            raise ValueError("not a CSR row index")
        if len(data) != len(indices) or (indices.size and (indices.min() < 0 or indices.max() >= n)):
            raise ValueError("CSR entries out of range")
        step = np.diff(indices.astype(np.int64))
        starts = np.zeros(len(indices), dtype=bool)
        starts[indptr[1:-1][indptr[1:-1] < len(indices)]] = True  # first entry of each row but the first
        if (step[~starts[1:]] <= 0).any():
            raise ValueError("CSR columns not sorted within a row")
        return cls(indptr, indices, data)

    @property
    def shape(self) -> tuple[int, int]:
        n = len(self.indptr) - 1
        return n, n

    @property
    def nnz(self) -> int:
        return int(self.indptr[-1])

    def rows(self) -> Ints:
        """The row of each entry."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def tocoo(self) -> COO:
        return COO(self.rows(), self.indices.astype(np.int64), self.data)

    def __getitem__(self, at: tuple[int, int]) -> Any:
        source, target = at
        start, end = int(self.indptr[source]), int(self.indptr[source + 1])
        k = start + int(np.searchsorted(self.indices[start:end], target))
        return self.data[k] if k < end and self.indices[k] == target else self.data.dtype.type(0)

    def to_scipy(self) -> Any:
        """The same matrix as a ``scipy.sparse.csr_matrix``."""
        from scipy import sparse

        return sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


def adjacency(n: int, sources: Ints, targets: Ints, bits: Mask) -> CSR:
    """The n x n matrix with one entry per (source, target) pair holding the OR of the
    ``bits`` of every edge between them (duplicates merged)."""
    bits = np.asarray(bits, dtype=np.uint8)
    if n >= 1 << 30 or (bits.size and int(bits.max()) > 7):
        raise ValueError("2**30 pages or more, or kind masks of more than 3 bits")  # keys fit 63 bits
    # one sort of (source, target, kind) packed in one integer: numpy sorts plain int64
    # keys several times faster than it argsorts them (and than scipy sums duplicates)
    key = np.array(sources, dtype=np.int64)  # a copy, worked on in place (one array of keys)
    key *= n
    key += targets
    key <<= 3
    key |= bits
    key.sort()
    bits = key.astype(np.uint8)  # the low byte (an integer cast wraps), of which the low 3 bits
    bits &= 7
    key >>= 3
    if key.size:  # each pair once, with the OR of its kinds
        first = np.empty(key.size, dtype=bool)
        first[0] = True
        np.not_equal(key[1:], key[:-1], out=first[1:])
        merged = np.bitwise_or.reduceat(bits, np.flatnonzero(first))
        key = key[first]
    else:
        merged = bits
    index = np.int32 if n <= np.iinfo(np.int32).max else np.int64
    columns = np.empty(key.size, dtype=index)
    np.remainder(key, n, out=columns, casting="unsafe")
    key //= n  # the rows
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(key, minlength=n), out=indptr[1:])
    return CSR(indptr, columns, merged.astype(np.uint8))


def pagerank(
    adj: Any,
    alpha: float = 0.85,
    personalization: Floats | None = None,
    dangling: Floats | None = None,
    tol: float = TOLERANCE,
    max_iter: int = MAX_ITERATIONS,
    sitewide: Ints | None = None,
) -> Floats:
    """PageRank by power iteration, with networkx's semantics: an edge's weight is its
    stored value when the matrix is float (else 1), a page's out-weights are normalised,
    the random jump follows ``personalization`` (uniform by default) and a page without
    out-links (dangling) hands its rank on by ``dangling`` (default: the jump vector).
    ``adj``: a :class:`CSR`, or a scipy.sparse CSR matrix (duplicates summed).

    Unlike networkx (which stops once the change is below ``n * tol``, so its error grows
    with the size of the graph) this stops when the L1 change is below ``tol`` itself.

    ``sitewide``: nodes every node links (a menu on every page), as if each node had an
    edge to each of them besides its own (once: a link it has too is not doubled), without
    making those edges (an unweighted ``adj`` only)."""
    n = adj.shape[0]
    if n == 0:
        return np.zeros(0)
    spread_over = _Transition(adj, sitewide)
    jump = _distribution(personalization, n)
    spread = jump if dangling is None else _distribution(dangling, n)
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        rank = (
            alpha * (spread_over(previous) + previous[spread_over.dangling].sum() * spread)
            + (1 - alpha) * jump
        )
        if np.abs(rank - previous).sum() < tol:
            return rank
    raise NotConverged(f"PageRank did not converge in {max_iter} iterations")


class _Transition:
    """Called with a rank vector: the rank each page receives through its inbound links
    (each page's rank shared among its out-links by weight)."""

    def __init__(self, adj: Any, sitewide: Ints | None = None) -> None:
        n = adj.shape[0]
        indptr, indices = np.asarray(adj.indptr), np.asarray(adj.indices)
        rows = np.repeat(np.arange(n), np.diff(indptr))
        weights = np.asarray(adj.data, dtype=np.float64) if adj.data.dtype.kind == "f" else None
        out_weight = np.bincount(rows, weights=weights, minlength=n).astype(np.float64)
        self.sitewide = _sitewide_links(n, indices, rows, out_weight, sitewide, weights is None)
        self.dangling = out_weight == 0
        self.scale = np.divide(1.0, out_weight, out=np.zeros(n), where=~self.dangling)
        self.scipy: Any = None
        if len(indices) >= SCIPY_FROM:
            from scipy import sparse

            values = np.ones(len(indices)) if weights is None else weights
            # transposed: row t holds the weight of each link s -> t
            self.scipy = sparse.csr_matrix((values, (indices, rows)), shape=(n, n))
            return
        # the links grouped by target
        if weights is None and n <= RADIX_UP_TO:
            # numpy's stable argsort of 16-bit keys is a radix sort (linear: 4 x faster
            # here); the rows, in order already, stay in order within a target
            self.sources, self.weights = rows[np.argsort(indices.astype(np.uint16), kind="stable")], None
        elif weights is None:
            by_target = indices.astype(np.int64) * n + rows
            by_target.sort()  # faster than an argsort (see adjacency)
            self.sources, self.weights = by_target % n, None
        else:
            order = np.argsort(indices, kind="stable")
            self.sources, self.weights = rows[order], weights[order]
        counts = np.bincount(indices, minlength=n)
        self.targets = np.flatnonzero(counts)
        self.starts = (np.cumsum(counts) - counts)[self.targets]
        self.n = n

    def __call__(self, rank: Floats) -> Floats:
        share = rank * self.scale
        received = self._own(share)
        if self.sitewide is not None:
            # a sitewide page gets each other page's share, once (its own link included)
            received[self.sitewide] = share.sum() - share[self.sitewide]
        return received

    def _own(self, share: Floats) -> Floats:
        if self.scipy is not None:
            return self.scipy @ share  # type: ignore[no-any-return]
        received = np.zeros(self.n)
        if self.targets.size:
            given = share[self.sources]
            if self.weights is not None:
                given *= self.weights
            received[self.targets] = np.add.reduceat(given, self.starts)
        return received


def _sitewide_links(
    n: int, indices: Ints, rows: Ints, out_weight: Floats, sitewide: Ints | None, unweighted: bool
) -> Ints | None:
    """The ``sitewide`` nodes (unique), with each node's ``out_weight`` raised to count its
    links to them (those it does not have already, itself left out); None for none."""
    if sitewide is None or len(sitewide) == 0:
        return None
    if not unweighted:
        raise ValueError("sitewide links are for an unweighted graph")
    targets = np.unique(np.asarray(sitewide, dtype=np.int64))
    wide = np.zeros(n, dtype=bool)
    wide[targets] = True
    already = np.bincount(rows[wide[indices]], minlength=n)  # own links to sitewide pages
    out_weight += len(targets) - already - wide
    return targets


def _distribution(values: Floats | None, n: int) -> Floats:
    if values is None:
        return np.full(n, 1.0 / n)
    values = np.asarray(values, dtype=np.float64)
    total = values.sum()
    if values.shape != (n,) or total <= 0 or (values < 0).any():
        raise ValueError("a PageRank distribution needs one non-negative value per node and a positive sum")
    return values / total


def depths(adj: CSR, source: int, targets: Ints | None = None) -> Ints:
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


#: sources searched at once by :func:`depths_each` (one bit each of a node's mask)
BATCH = 64


def depths_each(adj: CSR, searches: Sequence[tuple[int, Ints]]) -> list[Ints]:
    """For each (source, targets) of ``searches``, the link distance from the source to
    each target (``UNREACHED`` when no path leads there): the breadth-first searches of
    up to :data:`BATCH` sources walk the graph together, a node carrying one bit per
    source that has reached it, and end once every target is reached or nothing new is."""
    out: list[Ints] = []
    for at in range(0, len(searches), BATCH):
        out += _depths_batch(adj, searches[at : at + BATCH])
    return out


def _depths_batch(adj: CSR, searches: Sequence[tuple[int, Ints]]) -> list[Ints]:
    n = adj.shape[0]
    seen = np.zeros(n, dtype=np.uint64)
    for k, (source, _) in enumerate(searches):
        seen[source] |= np.uint64(1 << k)
    targets = [np.asarray(t, dtype=np.int64) for _, t in searches]
    found = [
        np.where(t == s, 0, UNREACHED).astype(np.int64) for (s, _), t in zip(searches, targets, strict=True)
    ]
    pending = [k for k in range(len(searches)) if (found[k] == UNREACHED).any()]
    new, level = seen.copy(), 0
    while pending:
        frontier = np.flatnonzero(new)
        if not frontier.size:
            break
        level += 1
        reached = _neighbours(adj, frontier)
        carried = np.repeat(new[frontier], np.diff(adj.indptr)[frontier])
        spread = np.zeros(n, dtype=np.uint64)
        np.bitwise_or.at(spread, reached, carried)
        new = spread & ~seen
        seen |= new
        still = []
        for k in pending:
            bit, where = np.uint64(1 << k), found[k]
            open_ = where == UNREACHED
            where[open_ & ((new[targets[k]] & bit) != 0)] = level
            if (where == UNREACHED).any():
                still.append(k)
        pending = still
    return found


def _neighbours(adj: CSR, rows: Ints) -> Ints:
    """The column indices of every entry in ``rows`` (with repeats)."""
    starts, ends = adj.indptr[rows], adj.indptr[rows + 1]
    counts = ends - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    # position i of the output reads indices[starts[row] + (i - first output of row)]
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return adj.indices[offsets + np.arange(total)].astype(np.int64)


def kind_mask(adj: CSR, inbound: bool) -> Mask:
    """Per node, the OR of the kinds of its inbound (or outbound) edges."""
    mask = np.zeros(adj.shape[0], dtype=np.uint8)
    present = int(np.bitwise_or.reduce(adj.data)) if adj.nnz else 0  # (np.unique imports numpy.ma)
    for single in (1 << b for b in range(8) if present & (1 << b)):
        mask[degree(adj, single, inbound) > 0] |= single
    return mask


def degree(adj: CSR, bit: int | None, inbound: bool) -> Ints:
    """Per node, how many pages it links to (or that link to it) with an edge of kind
    ``bit`` (any kind when None)."""
    n = adj.shape[0]
    chosen = np.ones(adj.nnz, dtype=bool) if bit is None else (adj.data & bit) != 0
    if inbound:
        return np.bincount(adj.indices[chosen], minlength=n).astype(np.int64)
    return np.bincount(adj.rows()[chosen], minlength=n).astype(np.int64)


def components(adj: CSR, strong: bool) -> tuple[int, Ints]:
    """(count, label per node) of the weakly or strongly connected components."""
    from scipy.sparse import csgraph  # with scipy.linalg: 40 ms, for the few that ask

    count, labels = csgraph.connected_components(
        adj.to_scipy(), directed=True, connection="strong" if strong else "weak"
    )
    return int(count), labels.astype(np.int64)
