"""The site as a run record keeps it for the runs after link edits (see :mod:`..delta`):
every page without its links and front matter (URL, anchors, headings, clusters, state), the
site's indexes, the clusters and the graph's edges, as one JSON document written in
chunks; the site and clusters made again from it; and its graph with the rows of edited
pages replaced by their new links (the graph delta)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..content import serial

#: pages written to the record at a time (a big site's model is never one string)
BATCH = 2000

_ENCODE = json.JSONEncoder(separators=(",", ":")).encode  # ASCII: a path may hold a lone surrogate


def model_of(
    site: Any,
    graph: Any,
    clusters: dict[str, Any],
    included: list[str] | None = None,
    previous: tuple[bytes, Any] | None = None,
    redo: frozenset[str] = frozenset(),
) -> Model:
    """The site (without its pages' links) and the graph's edges, for the record (see
    :class:`Model`). ``included``: the files some page includes (else read from the site's
    parse keys); ``previous``: an earlier model of the same pages (its bytes and document),
    whose rows are copied as they are for every page but those of ``redo``."""
    return Model(site, graph, clusters, included, previous, redo)


class Model:
    """A site's model: iterated, the chunks of one JSON document,
    ``{"pages": [...], "sizes": [...], "site": {...}, "graph": {...}}``; after link edits
    (with ``previous``), :meth:`edits` says what differs from the earlier model, in
    proportion to the edits."""

    def __init__(
        self,
        site: Any,
        graph: Any,
        clusters: dict[str, Any],
        included: list[str] | None,
        previous: tuple[bytes, Any] | None,
        redo: frozenset[str],
    ) -> None:
        self.site, self.graph, self.clusters = site, graph, clusters
        self.included, self.previous, self.redo = included, previous, redo

    def __iter__(self) -> Iterator[bytes]:
        return _chunks(self)

    def edits(self) -> dict[str, Any]:
        """What differs from the ``previous`` model (whose pages' rows and edges are the
        same but for those of the pages ``redo`` names): those pages' rows, by their place,
        their rows of the graph, by the place of their URL, and the `site.ignore_links`
        patterns used (see :func:`edits_applied`)."""
        site, graph = self.site, self.graph
        rows, edges = [], []
        ids = graph.ids
        indptr, indices, data = (graph.adjacency.indptr, graph.adjacency.indices, graph.adjacency.data)
        for i, page in enumerate(site.pages):
            if page.path not in self.redo:
                continue
            rows.append([i, _page_row(page)])
            at = ids.get(page.url) if graph.pages.get(page.url) is page else None
            if at is not None:
                start, end = int(indptr[at]), int(indptr[at + 1])
                edges.append([at, indices[start:end].tolist(), data[start:end].tolist()])
        return {"pages": rows, "edges": edges, "ignore_links_used": sorted(site.ignore_links_used)}


def edits_applied(doc: Any, edits: Any) -> tuple[frozenset[str], dict[int, dict[int, int]]]:
    """``doc`` (a model's document) with ``edits`` (:meth:`Model.edits` of a later model
    of the same pages) applied to its pages' rows and `site.ignore_links` patterns used;
    the paths of the pages edited, and their rows of the graph (row -> target -> kinds),
    which :func:`edited_graph` splices in. ValueError, TypeError, KeyError or IndexError
    for edits it did not make."""
    pages, site = doc["pages"], doc["site"]
    serial._need(isinstance(pages, list) and isinstance(site, dict) and isinstance(edits, dict))
    paths = set()
    for i, row in edits["pages"]:
        serial._need(type(i) is int and 0 <= i < len(pages) and isinstance(row, list) and row)
        serial._need(row[:3] == pages[i][:3])  # the same page (its path, rel and root)
        pages[i] = row
        paths.add(row[0] if row[0] is not None else row[2] + row[1])
    used = edits["ignore_links_used"]
    serial._need(isinstance(used, list) and all(type(n) is int for n in used))
    site["ignore_links_used"] = used
    rows: dict[int, dict[int, int]] = {}
    for at, targets, kinds in edits["edges"]:
        serial._need(type(at) is int and isinstance(targets, list) and isinstance(kinds, list))
        serial._need(
            len(targets) == len(kinds)
            and all(
                type(t) is int and type(k) is int and 0 <= k < 256
                for t, k in zip(targets, kinds, strict=True)
            )
        )
        rows[at] = dict(zip(targets, kinds, strict=True))
    return frozenset(paths), rows


def _chunks(model: Model) -> Iterator[bytes]:
    """The chunks ``model`` is iterated as."""
    site, graph, clusters, included = model.site, model.graph, model.clusters, model.included
    previous, redo = model.previous, model.redo
    index = {id(p): i for i, p in enumerate(site.pages)}

    def at(page: Any) -> int | None:
        return None if page is None else index[id(page)]

    yield _OPEN
    sizes: list[int] = []
    rows = _rows_of(previous, len(site.pages))
    for start in range(0, len(site.pages), BATCH):
        pages = site.pages[start : start + BATCH]
        comma = b"," if start else b""
        if rows is not None and not any(p.path in redo for p in pages):
            sizes += rows.sizes[start : start + len(pages)]
            yield comma + rows.span(start, start + len(pages))  # the rows as they were, at once
            continue
        batch = []
        for i, page in enumerate(pages, start):
            row = rows.row(i) if rows is not None and page.path not in redo else None
            batch.append(row if row is not None else _ENCODE(_page_row(page)).encode("ascii"))
        sizes += map(len, batch)
        yield comma + b",".join(batch)
    yield b'],"sizes":' + _ENCODE(sizes).encode("ascii")
    rest = {
        "root_dir": site.root_dir,
        "generator": site.generator,
        "fold": site.fragments_fold_case,
        "config_file": site.config_file,
        "content_roots": site.content_roots,
        "page_extensions": list(site.page_extensions),
        "by_url": [[k, at(p)] for k, p in site.by_url.items()],
        "aliases": [[k, at(p)] for k, p in site.aliases.items()],
        "unrendered": [[k, at(p)] for k, p in site.unrendered.items()],
        "static_urls": site.static_urls,
        "files": sorted(site.files),
        "folders": sorted(site.folders),
        "home": at(site.home),
        "ignore_links_used": sorted(site.ignore_links_used),
        # the pages the build makes with no source (a link to one is an edge)
        "generated": site.generated,
        "clusters": [[c.id, at(c.hub), [at(m) for m in c.members], c.index] for c in clusters.values()],
        # the files some page includes (an edit of one changes the links of those pages)
        "included": included
        if included is not None
        else sorted({f for _, includes in site.parse_keys.values() for f in includes}),
    }
    yield b',"site":' + _ENCODE(rest).encode("ascii")
    # the graph's URLs are its pages' in order (as they are read back): written when not
    said = {"home": graph.home, "sitewide": graph.sitewide}
    said |= {"urls": graph.urls} if graph.urls != sorted(graph.pages) else {}
    said |= {"generated": graph.generated} if graph.generated else {}
    head = _ENCODE(said).encode("ascii")
    yield b',"graph":' + head[:-1] + b',"edges":["'
    # each array apart: a big site's edges are tens of megabytes as text
    adjacency = graph.adjacency  # CSR: each row's targets sorted, once each
    yield from _packed_ints(adjacency.indptr, "<i8")
    yield b'","'
    yield from _packed_ints(adjacency.indices, "<i4")
    yield b'","'
    yield from _packed_ints(adjacency.data, "u1")
    yield b'"]}}'


_OPEN = b'{"pages":['


class _Rows:
    """The rows of an earlier model, laid one after another (a comma between two) in its
    bytes: each row's size and where it starts."""

    def __init__(self, data: bytes, sizes: list[int], starts: list[int]) -> None:
        self.data, self.sizes, self.starts = data, sizes, starts

    def row(self, i: int) -> bytes:
        return self.data[self.starts[i] : self.starts[i] + self.sizes[i]]

    def span(self, first: int, end: int) -> bytes:
        """Rows ``first`` to ``end`` (excluded) with the commas between them."""
        return self.data[self.starts[first] : self.starts[end - 1] + self.sizes[end - 1]]


def _rows_of(previous: tuple[bytes, Any] | None, count: int) -> _Rows | None:
    """The rows of the ``previous`` model, when it has ``count`` pages laid out as
    :func:`model_of` writes them (else None: every row is written anew)."""
    if previous is None:
        return None
    data, doc = previous
    sizes = doc.get("sizes")
    if not isinstance(sizes, list) or len(sizes) != count or not all(type(n) is int and n > 0 for n in sizes):
        return None
    starts, at = [], len(_OPEN)
    for n in sizes:
        starts.append(at)
        at += n + 1  # the comma after it (the bracket after the last)
    ok = data.startswith(_OPEN) and data[at - 1 : at + 9] == b'],"sizes":'
    return _Rows(data, sizes, starts) if ok else None


def _page_row(p: Any) -> list[Any]:
    """What :func:`site_of` makes a page of again (not its front matter: no rule, nor link
    resolution, reads it; the clusters it chose are kept as assigned). What the row says
    otherwise is left out (None), a fifth of a model: the path where it is the content
    root's and the path in it, the anchors where they are the headings' ids."""
    heads = [[h.level, h.text, h.id, h.line] for h in p.parsed.headings] if p.parsed else None
    anchors = p.anchors
    return [
        None if p.path == p.root + p.rel else p.path,
        p.rel,
        p.root,
        p.url,
        p.title,
        p.published,
        p.unpublished_reason,
        p.aliases,
        p.problems,
        p.readable,
        None if heads is not None and anchors == {h[2] for h in heads} else sorted(anchors),
        heads,
        p.clusters,
    ]


#: values base64-encoded at a time (a multiple of 3: the pieces join into one encoding)
_PIECE = 3 << 18


def _packed_ints(values: Any, dtype: str) -> Iterator[bytes]:
    """``values`` as ``dtype``, base64-encoded in pieces (a big site's arrays are never
    whole as text)."""
    import base64

    for start in range(0, len(values), _PIECE):
        yield base64.b64encode(values[start : start + _PIECE].astype(dtype, copy=False).tobytes())


def _unpacked_ints(text: str, dtype: str) -> Any:
    import base64

    import numpy as np

    return np.frombuffer(base64.b64decode(text, validate=True), dtype=dtype).astype(
        "i8" if dtype != "u1" else "u1"
    )


def clusters_of(doc: Any, site: Any) -> dict[str, Any]:
    """The clusters :func:`model_of` recorded, on the pages of ``site``."""
    from .clusters import Cluster

    pages = site.pages
    out = {}
    for cid, hub, members, index in doc["clusters"]:
        cluster = Cluster(id=cid, hub=pages[hub], members=[pages[m] for m in members], index=index)
        out[cid] = cluster
    return out


def site_of(rows: Any, doc: Any) -> Any:
    """The :class:`.site.model.Site` of :func:`model_of`'s page ``rows`` and ``doc`` (its
    "site"), its pages without links."""
    from itertools import chain

    from .model import Site

    cls = _recorded_page()
    make = object.__new__
    pages = []
    for row in rows:
        (
            path,
            rel,
            root,
            url,
            title,
            published,
            reason,
            aliases,
            problems,
            readable,
            anchors,
            heads,
            of,
        ) = row
        serial._need(  # spelt out: a generator a row was a fifth of this loop's time
            isinstance(rel, str)
            and isinstance(root, str)
            and isinstance(url, str)
            and isinstance(title, str)
            and (type(anchors) is list or (anchors is None and type(heads) is list))
            and (heads is None or type(heads) is list)
            and type(aliases) is list
            and type(problems) is list
            and type(of) is list
        )
        if path is None:
            path = root + rel
        else:
            serial._need(isinstance(path, str))
        page = make(cls)  # its fields set as Page's __init__ would (a tenth of the time)
        page.__dict__ = {
            "path": path,
            "rel": rel,
            "root": root,
            "url": url,
            "title": title,
            # made a parse when first read (most pages' never are)
            "_parsed": None if heads is None else (heads, anchors),
            "published": bool(published),
            "unpublished_reason": reason,
            "aliases": aliases,  # (lists of the row's own: the document is the site's alone)
            "problems": [tuple(p) for p in problems] if problems else problems,
            "readable": bool(readable),
            "clusters": of,
            # the fields a row does not give (see _recorded_page)
            "front": {},
            "links": [],
        }
        pages.append(page)
    # every heading a row of four and every anchor a text, checked at once
    heads = list(chain.from_iterable(r[11] for r in rows if r[11] is not None))
    serial._need(set(map(type, heads)) <= {list} and set(map(len, heads)) <= {4})
    serial._need(set(map(type, chain.from_iterable(r[10] for r in rows if r[10] is not None))) <= {str})
    # a heading's id is an anchor (a row without anchors takes its headings')
    serial._need(set(map(type, (h[2] for h in heads))) <= {str, type(None)})

    def pick(entries: list[list[Any]]) -> dict[str, Any]:
        return {key: pages[i] for key, i in entries}

    site = Site(
        root_dir=doc["root_dir"],
        generator=doc["generator"],
        fragments_fold_case=bool(doc["fold"]),
        pages=pages,
        by_url=pick(doc["by_url"]),
        by_path={p.path: p for p in pages},
        aliases=pick(doc["aliases"]),
        static_urls=dict(doc["static_urls"]),
        files=set(doc["files"]),
        home=None if doc["home"] is None else pages[doc["home"]],
        config_file=doc["config_file"],
        content_roots=list(doc["content_roots"]),
        page_extensions=tuple(doc["page_extensions"]),
        folders=set(doc["folders"]),
        unrendered=pick(doc["unrendered"]),
        ignore_links_used=set(doc["ignore_links_used"]),
    )
    made = doc["generated"]
    serial._need(type(made) is dict and all(type(v) is str for v in made.values()))
    site.generated = made
    return site


#: the fields of a page that :func:`site_of` sets from a row (the others from their defaults)
_ROW_FIELDS = frozenset(
    {"path", "rel", "root", "url", "title", "parsed", "published", "unpublished_reason"}
    | {"aliases", "problems", "readable", "clusters"}
)


#: the fields of a page a row does not give, and their values in a page that :func:`site_of`
#: makes (the front matter is not recorded: no rule, nor link resolution, reads it)
_NOT_IN_ROWS = {"front": dict, "links": list}


@functools.cache
def _recorded_page() -> type:
    """The class of a page :func:`site_of` makes, a :class:`.model.Page` whose parse
    (headings and anchors, from the record's row) is made when first read."""
    import dataclasses

    from ..content.frontmatter import FrontMatter
    from ..content.markdown import Heading, ParsedPage
    from .model import Page

    class RecordedPage(Page):
        @property  # type: ignore[override]
        def parsed(self) -> ParsedPage | None:
            value = self.__dict__["_parsed"]
            if type(value) is tuple:
                heads, anchors = value  # no anchors: the headings' ids (see _page_row)
                ids = set(anchors) if anchors is not None else {h[2] for h in heads}
                value = ParsedPage(FrontMatter(), headings=[Heading(*h) for h in heads], anchors=ids)
                self.__dict__["_parsed"] = value
            return value  # type: ignore[no-any-return]

        @parsed.setter
        def parsed(self, value: ParsedPage | None) -> None:
            self.__dict__["_parsed"] = value

    rest = {f.name: f.default_factory for f in dataclasses.fields(Page) if f.name not in _ROW_FIELDS}
    assert rest == _NOT_IN_ROWS, f"a page's fields changed: {sorted(rest)} (site_of must set them)"
    return RecordedPage


def edited_graph(
    doc: Any, site: Any, before: dict[str, list[Any]], prior: dict[int, dict[int, int]] | None = None
) -> tuple[Any, Any, set[str]]:
    """The recorded graph (with the rows ``prior`` gives spliced in: those of the pages
    edited since the model was written, see :func:`edits_applied`), the same with the
    rows of the edited pages made of their new links (their navigation edges kept), and
    the URLs whose inbound Markdown links changed."""
    from .graph import BITS, SiteGraph
    from .model import EdgeKind
    from .sparse import CSR

    pages = {p.url: p for p in site.published}
    urls = sorted(pages)
    serial._need(doc.get("urls", urls) == urls)
    generated = doc.get("generated", [])
    serial._need(type(generated) is list and all(isinstance(u, str) for u in generated))
    n = len(urls) + len(generated)  # nodes: the pages, then the generated pages
    indptr, indices, data = (
        _unpacked_ints(a, t) for a, t in zip(doc["edges"], ("<i8", "<i4", "u1"), strict=True)
    )
    serial._need(len(indptr) == n + 1)
    if prior:
        serial._need(all(0 <= at < n and all(0 <= t < n for t in row) for at, row in prior.items()))
        indptr, indices, data = _spliced(CSR.checked(indptr, indices, data), prior)
    ids = {url: i for i, url in enumerate(urls)} | {url: i for i, url in enumerate(generated, len(urls))}
    sitewide = doc["sitewide"]
    serial._need(isinstance(sitewide, list) and all(u in ids or u in generated for u in sitewide))
    recorded = SiteGraph(
        urls=urls,
        adjacency=CSR.checked(indptr, indices, data),
        pages=pages,
        home=doc["home"],
        sitewide=sitewide,
        generated=generated,
    )
    nav = BITS[EdgeKind.NAVIGATION]
    written = BITS[EdgeKind.CONTENT] | BITS[EdgeKind.BLOCK]
    rows = {ids[page.url]: page for path in before if pages.get((page := site.by_path[path]).url) is page}
    touched: set[str] = set()
    new_rows: dict[int, dict[int, int]] = {}
    for here, page in rows.items():
        start, end = indptr[here], indptr[here + 1]
        row: dict[int, int] = {}  # its navigation edges, kept
        recorded_written: set[int] = set()
        for t, m in zip(indices[start:end].tolist(), data[start:end].tolist(), strict=True):
            if m & nav:
                row[t] = m & nav
            if m & written:
                recorded_written.add(t)
        old = _markdown_row(page, before[page.path], pages, site.generated, ids)
        new = _markdown_row(page, page.links, pages, site.generated, ids)
        # the recorded row's written links are the page's own: no listing the build writes
        # into the page (a blog's index), which its new links alone would drop
        serial._need(recorded_written == {ids[url] for url in old})
        touched |= {url for url in old.keys() | new.keys() if old.get(url) != new.get(url)}
        # a generated page the page no longer links may be a node no more (a cold run's call)
        serial._need(all(url in new or url in pages for url in old))
        for url, links in new.items():
            for block in {b for _, b in links}:
                row[ids[url]] = row.get(ids[url], 0) | BITS[EdgeKind.BLOCK if block else EdgeKind.CONTENT]
        new_rows[here] = row
    if new_rows:  # every other row's entries are as recorded
        indptr, indices, data = _spliced(recorded.adjacency, new_rows)
    adjacency = CSR(indptr, indices, data)
    edited = SiteGraph(
        urls=urls, adjacency=adjacency, pages=pages, home=doc["home"], sitewide=sitewide, generated=generated
    )
    return recorded, edited, touched


def _spliced(adjacency: Any, rows: dict[int, dict[int, int]]) -> tuple[Any, Any, Any]:
    """The arrays of ``adjacency`` (CSR) with the rows ``rows`` names (row -> target ->
    kinds) replaced."""
    import numpy as np

    indptr, indices, data = adjacency.indptr, adjacency.indices, adjacency.data
    order = sorted(rows)
    cuts = [0, *(x for here in order for x in (indptr[here], indptr[here + 1])), len(indices)]
    parts_i, parts_d = [], []
    for k, here in enumerate(order):
        parts_i.append(indices[cuts[2 * k] : cuts[2 * k + 1]])
        parts_d.append(data[cuts[2 * k] : cuts[2 * k + 1]])
        row = rows[here]
        parts_i.append(np.array(sorted(row), dtype=indices.dtype))
        parts_d.append(np.array([row[t] for t in sorted(row)], dtype=data.dtype))
    parts_i.append(indices[cuts[-2] : cuts[-1]])
    parts_d.append(data[cuts[-2] : cuts[-1]])
    sizes = np.diff(indptr)
    for here, row in rows.items():
        sizes[here] = len(row)
    return np.concatenate([[0], np.cumsum(sizes)]), np.concatenate(parts_i), np.concatenate(parts_d)


def _markdown_row(
    page: Any, links: Iterable[Any], pages: dict[str, Any], made: dict[str, str], nodes: dict[str, int]
) -> dict[str, list[tuple[str, bool]]]:
    """Target URL -> the (text, in a block) of each of ``links`` the graph counts as an
    edge of ``page`` (as :func:`.graph._markdown_edges` does), those to the generated
    pages of ``made`` too (ValueError for one that is no node of the graph, ``nodes``:
    a cold run makes it one)."""
    from .model import Status, generated_target

    out: dict[str, list[tuple[str, bool]]] = {}
    for link in links:
        target = link.target_page
        if target is None and made and (there := generated_target(link, made)) is not None:
            serial._need(there in nodes)
            out.setdefault(there, []).append((link.text, link.raw.block is not None))
            continue
        if target is None or target is page or link.status is not Status.PAGE or link.raw.kind == "image":
            continue
        if target.url in pages:
            out.setdefault(target.url, []).append((link.text, link.raw.block is not None))
    return {url: sorted(v) for url, v in out.items()}
