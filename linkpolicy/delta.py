"""A run after edits that changed pages' own links only, answered from the last run's
record of the site and its graph instead of a whole run.

A full run records, beside its findings, the site as the resolver and the rules see it
without any page's links (:func:`.site.skeleton.model_of`: every page's URL, anchors,
headings, clusters and state, the site's indexes) and the graph's edges. When the pages
edited since then changed nothing another page's links read of them (see
:class:`.incremental.LinkEdits`), :func:`answer` rebuilds that site, parses and resolves
the edited pages alone and replaces their rows of the graph (the graph delta). Then every
rule is run, or taken from the record, by what it reads (:data:`RUN`, :data:`OWN`,
:data:`RECORDED`): the link rules and the rules of a page's own links on the edited pages,
the graph rules of a page on the pages whose depth or inbound link kinds changed in the new
graph and those of the site on theirs, `anchor-over-optimized` on the pages whose
inbound links changed (read again from the pages that link to them), `unused-ignore` when
the entries that match nothing changed, everything else from the record. That whole result
is recorded, as a full run's would be. When the policy reads what the record does not keep
(review cadence, `site.ignore_links` with `unused-ignore`, a graph snapshot), only the
named pages are answered, and not recorded. Anything else it cannot answer exactly returns
None, and the caller runs the whole site.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import collector
from .content import serial
from .findings import Finding
from .site import skeleton

#: Rules run on the rebuilt site and graph for the named pages: what they report on a
#: page reads its own links, the site's pages (never their links) and the graph.
RUN = frozenset(
    {
        "orphan-page",
        "unreachable-page",
        "navigation-only-page",
        "page-not-built",
        "click-depth",
        "dead-end-page",
        "too-many-links",
        "entity-unlinked",
        "unclustered-page",
        "hub-missing-link",
        "hub-coverage",
        "hub-authority",
        "cluster-depth",
        "invalid-page",
    }
)
#: Of :data:`RUN`, the rules whose findings on a page read that page's own links (or
#: parse): made anew for the edited pages only. The others read the graph and the site's
#: pages: made anew, for the whole result, on the pages whose place in the graph changed.
OWN = frozenset(
    {"dead-end-page", "too-many-links", "entity-unlinked", "hub-missing-link", "hub-coverage", "invalid-page"}
)
#: Rules whose findings on the named pages are the record's: they read the inbound links'
#: texts (answered only when no named page's inbound links changed), the policy, the
#: navigation sources, the graph snapshot or signals, none of which a link edit changes.
RECORDED = frozenset(
    {
        "anchor-over-optimized",
        "unread-navigation",
        "expired-approval",
        "policy-review-due",
        "stale-graph-snapshot",
        "stale-link-block",  # without blocks in the policy (else no answer): no findings
        "unused-ignore",
        "crawl-starved-hub",
        "unindexed-hub",
        "traffic-orphan",
        "deep-valuable-page",
    }
)
#: Of those, the ones that read the inbound links' texts.
INBOUND = frozenset({"anchor-over-optimized"})


def answers(loaded: Any) -> bool:
    """Whether a run under this policy after link edits may be answered from the record
    (else its record need not keep the site): not when it plans managed blocks (what they
    hold reads the graph) or reads a built site."""
    return not loaded.policy.blocks and not loaded.policy.site.rendered


@collector.paused(kept=True)  # the record's site: 1 s of collections at 100k pages else
def answer(
    root: Path,
    loaded: Any,
    record: Any,
    inputs: dict[str, Any],
    changed: list[str],
    scope: set[str] | None,
    started: int,
) -> tuple[Any, dict[str, Any] | None] | None:
    """The run's result after the pages ``changed`` were edited, each changing its own links
    only, and the inputs to record it with; or, when the whole result cannot be made
    exactly (see :func:`_recordable`), the record's result with the findings on the pages of
    ``scope`` made anew (the findings on other pages are the record's and must not be
    reported; no inputs: not to be recorded). None when neither can be answered."""
    from .engine import configure_rules
    from .findings import Severity
    from .rules import LINK_RULES

    if not isinstance(record.model, bytes | memoryview) or not answers(loaded):
        return None
    # rules that compare two revisions run in `diff` only
    rules = [
        r for r in configure_rules(loaded) if r.severity is not Severity.OFF and r.module.SCOPE != "diff"
    ]
    if any(r.module.ID not in RUN | RECORDED | LINK_RULES for r in rules):
        return None
    try:
        data = bytes(record.model)
        doc = json.loads(data)
        prior: tuple[frozenset[str], dict[int, dict[int, int]]] = (frozenset(), {})
        if record.model_edits is not None:  # link edits recorded since the model was written
            prior = skeleton.edits_applied(doc, record.model_edits)
        site = skeleton.site_of(doc["pages"], doc["site"])
        included = doc["site"]["included"]
        serial._need(isinstance(included, list))
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    collector.keep(doc, site)  # (see collector.keep)
    if set(changed) & set(included):
        return None  # a page others include: their links changed too
    rebuilt = _Rebuilt.of(root, loaded, record, site, (data, doc), changed, prior)
    if rebuilt is None:
        return None
    if any(_includes_a_page(site, [*rebuilt.keys[p][1], *record.facts[p].includes]) for p in changed):
        return None  # it shows the included page's links too (Site.links_on): a whole run
    collector.keep(rebuilt)
    if _recordable(rebuilt, rules):
        whole = _complete(rebuilt, rules, record, changed)
        if whole is not None:
            return whole, _inputs(root, inputs, changed, started)
    if not scope or any(p not in record.facts for p in scope):
        return None  # a folder, the policy or a file that is no page: the whole site's affair
    found = _scoped(rebuilt, rules, record, changed, scope)
    return None if found is None else (found, None)


def _inputs(root: Path, inputs: dict[str, Any], changed: list[str], started: int) -> dict[str, Any]:
    """The record's inputs with the edited pages' stats as read now."""
    from .incremental import _stat, inputs_after

    reads = dict(inputs["reads"])
    for path in changed:
        reads[path] = _stat(root / path)
    return inputs_after(inputs, reads, changed, started)


def _recordable(rebuilt: _Rebuilt, rules: list[Any]) -> bool:
    """Whether the whole result can be made from the record: every rule that reads what
    the record does not keep is off (review cadence reads git history of the edited page,
    a graph snapshot the whole graph, `site.ignore_links` which page used each pattern)
    and no two pages share a URL whose inbound links changed."""
    analysis = rebuilt.analysis
    active = {r.module.ID for r in rules}
    policy = analysis.policy.policy
    if policy.has_reviews or ("unused-ignore" in active and policy.site.ignore_links):
        return False
    if "stale-graph-snapshot" in active and analysis.has_snapshot():
        return False
    if not rebuilt.touched:
        return True
    counts = Counter(p.url for p in analysis.site.published)
    return not any(counts[u] > 1 for u in rebuilt.touched)


class _Rebuilt:
    """The analysis of the record's site with the edited pages parsed and resolved, their
    rows of the graph replaced; each edited page's links as recorded (resolved on the same
    site), the URLs whose inbound Markdown links changed, and a way to resolve more pages."""

    def __init__(
        self,
        analysis: Any,
        reader: Any,
        resolver: Any,
        record: Any,
        model: tuple[bytes, Any],
        prior: frozenset[str],
    ) -> None:
        self.analysis, self.reader, self.resolver, self.record = analysis, reader, resolver, record
        #: the record's model: its bytes and its document (the latter with the link edits
        #: recorded since in place: the pages of ``prior``, whose rows the bytes have not)
        self.model, self.doc = model
        self.prior = prior
        self.before: dict[str, list[Any]] = {}
        self.keys: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.touched: set[str] = set()
        self.old_graph: Any = None

    @classmethod
    def of(
        cls,
        root: Path,
        loaded: Any,
        record: Any,
        site: Any,
        model: tuple[bytes, Any],
        changed: list[str],
        prior: tuple[frozenset[str], dict[int, dict[int, int]]],
    ) -> _Rebuilt | None:
        from .analysis import Analysis
        from .io import UnreadableFile
        from .site.build import PageReader, _resolver_config
        from .site.resolve import Resolver
        from .source import WorkTree

        source = WorkTree(root)
        reader = PageReader(source, loaded, root)
        resolver = Resolver(site, _resolver_config(loaded, reader.opts, reader.gen, source), few=True)
        analysis = Analysis(root=root, source=source, policy=loaded, site=site, graph=None, clusters={})
        self = cls(analysis, reader, resolver, record, model, prior[0])
        doc = model[1]
        for path in changed:
            page, fact = site.by_path.get(path), record.facts.get(path)
            if page is None or fact is None or not page.readable or fact.key is None or page.mounted:
                return None  # (a mounted page's file is not where its content path says)
            old = reader.cache.get(fact.key, stamp=False)
            if old is None or old.listings or _templated(old.links):
                return None  # (a list shortcode's links are the whole site's affair)
            try:
                _, text, key, includes = reader.read(path, path[: len(path) - len(fact.rel)])
            except (UnreadableFile, OSError):
                return None
            if reader.opts.config.autodoc and ":::" in text:
                return None  # (its docstrings' links come from the code, read by a whole run)
            self.keys[path] = (key, includes)
            page.links = [resolver.resolve(page, raw) for raw in old.links]
            resolver.leave_generated([page])
            self.before[path] = page.links
            if not self._place(page, reader.parsed(path, text, key)):
                return None
            page.problems = list(page.parsed.problems)
        try:
            self.old_graph, analysis.graph, self.touched = skeleton.edited_graph(
                doc["graph"], site, self.before, prior[1]
            )
            analysis.clusters = skeleton.clusters_of(doc["site"], site)
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        return self

    def _place(self, page: Any, parsed: Any) -> bool:
        """``page`` as ``parsed`` gives it, resolved; False (and nothing changed) where a
        list shortcode writes links in it, which only the whole site tells, or where a
        destination holds a template tag (Hugo's ``param`` reads the page's front matter,
        with what its sections cascade: the record keeps neither)."""
        if parsed.listings or _templated(parsed.links):
            return False
        parsed.anchors = page.parsed.anchors  # what placing the page added to them
        page.parsed = parsed
        page.links = [self.resolver.resolve(page, raw) for raw in parsed.links]
        self.resolver.leave_generated([page])
        return True

    def resolved(self, path: str) -> bool:
        """Whether the page at ``path`` is (or now is) parsed and resolved, from the cache."""
        page = self.analysis.site.by_path.get(path)
        fact = self.record.facts.get(path)
        if page is None or fact is None or not page.readable:
            return False
        if page.links or path in self.before:
            return True
        parsed = self.reader.cache.get(fact.key, stamp=False) if fact.key else None
        return parsed is not None and self._place(page, parsed)


def _templated(links: Iterable[Any]) -> bool:
    """Whether a destination holds a template tag, which the generator may fill in from
    the page's front matter (Hugo's ``param``): the record keeps no front matter."""
    return any("{{" in raw.dest or "{%" in raw.dest for raw in links)


def _scoped(
    rebuilt: _Rebuilt, rules: list[Any], record: Any, changed: list[str], scope: set[str]
) -> Any | None:
    """The record's result with the findings on the pages of ``scope`` made anew."""
    from .engine import policy_kept

    analysis = rebuilt.analysis
    site = analysis.site
    if not all(rebuilt.resolved(p) for p in scope):
        return None
    if any(site.by_path[p].url in rebuilt.touched for p in scope) and any(
        r.module.ID in INBOUND for r in rules
    ):
        return None  # a named page's inbound links changed: their anchors are not recorded
    named = [site.by_path[p] for p in scope]
    found = _findings(
        analysis, rules, named, lambda rule: [] if rule in INBOUND else named, _reporting_on(analysis, scope)
    )
    found = [f for f in found if f.path in scope]
    fresh: dict[str, list[Finding]] = {p: [] for p in scope}
    for f in policy_kept(found, site, analysis.policy):
        if f.path in fresh:
            fresh[f.path].append(f)
    by_path = record.by_path
    for path in scope:
        kept = [f for f in record.by_path.get(path, []) if f.rule in RECORDED]
        if path in changed and any((f.line, f.column) != (1, 1) for f in kept):
            return None  # a recorded finding at a place the edit may have moved
        by_path = by_path.replaced(path, fresh[path] + kept)
    return _with_edits(record, analysis, by_path, rebuilt.before, changed)


Tables = tuple[dict[str, list[Finding]], dict[str, list[Finding]]]  # kept, dropped


def _includes_a_page(site: Any, files: Iterable[str]) -> bool:
    return any(site.included_page(f) is not None for f in files)


def _complete(rebuilt: _Rebuilt, rules: list[Any], record: Any, changed: list[str]) -> Any | None:
    """The whole result after the edits, made anew where it may have changed: the link and
    own-link rules on the edited pages, the graph rules of a page on the pages whose depth
    or inbound link kinds changed, the graph rules of the site (PageRank, depth from hubs)
    on their pages, `anchor-over-optimized` on the pages whose inbound links changed;
    every other finding the record's (and each page's entries left as recorded where none
    of those rules reports on it)."""
    from .engine import policy_kept
    from .rules import LINK_RULES, RULES
    from .site.graph import _markdown_edges

    analysis = rebuilt.analysis
    site, graph = analysis.site, analysis.graph
    edited = set(changed)
    active = {r.module.ID for r in rules}
    # the pages whose inbound links changed, and what now links to them
    hit = {graph.pages[u].path for u in rebuilt.touched if u in graph.pages} if active & INBOUND else set()
    paths = list(record.facts)
    sources = {paths[i] for t in hit for i in record.facts[t].linked_from} | edited
    if not all(rebuilt.resolved(p) for p in sources):
        return None
    if hit:
        inbound = _markdown_edges(graph.pages, True, None)
        graph.inbound = {site.by_path[t].url: inbound.get(site.by_path[t].url, []) for t in hit}
    moved = {graph.pages[u].path for u in _moved(rebuilt.old_graph, graph)} | edited

    def fresh_for(rule: str, path: str) -> bool:
        if rule in OWN or rule in LINK_RULES:
            return path in edited
        if rule in INBOUND:
            return path in hit
        if rule in RUN:
            return RULES[rule].SCOPE == "site" or path in moved
        return rule == "unused-ignore"

    pages = site.by_path
    runs_on = {"own": [pages[p] for p in changed], "inbound": [pages[p] for p in hit]}
    runs_on["graph"] = [pages[p] for p in moved]
    found = _findings(
        analysis,
        rules,
        runs_on["own"],
        lambda rule: runs_on["own" if rule in OWN else "inbound" if rule in INBOUND else "graph"],
    )
    found = [f for f in found if fresh_for(f.rule, f.path)]
    shown = policy_kept(found, site, analysis.policy)
    fresh: Tables = ({}, {})  # path -> new findings, kept and dropped
    left = {id(f) for f in shown}
    for f in found:
        fresh[id(f) not in left].setdefault(f.path, []).append(f)
    # the pages where a rule made anew may report (else their entries stay as recorded)
    look: set[str] = set(edited | hit | moved | _site_rule_pages(record, active))
    look |= {p for table in (record.by_path, record.dropped) for p in table if p not in record.facts}
    look |= set(fresh[0]) | set(fresh[1])
    merged = _merged(record, look, fresh, fresh_for, edited)
    if merged is None:
        return None
    tables, before, after, notes = merged
    if "unused-ignore" in active and (analysis.policy.policy.rules.ignore or notes[0] or notes[1]):
        _ignore_notes(analysis, rules, record, look, tables, before, after, notes)
    result = _with_edits(record, analysis, record.by_path, rebuilt.before, changed)
    return dataclasses.replace(
        result,
        facts=_linked_facts(rebuilt, record, result.facts, changed),
        by_path=record.by_path.updated({p: v for p, v in tables[0].items() if v or p in record.by_path}),
        dropped=record.dropped.updated({p: v for p, v in tables[1].items() if v or p in record.dropped}),
        model=skeleton.model_of(
            site,
            graph,
            analysis.clusters,
            rebuilt.doc["site"]["included"],
            (rebuilt.model, rebuilt.doc),
            frozenset(changed) | rebuilt.prior,
        ),
    )


def _merged(
    record: Any,
    look: set[str],
    fresh: Tables,
    fresh_for: Callable[[str, str], bool],
    edited: set[str],
) -> tuple[Tables, list[Finding], list[Finding], Tables] | None:
    """The findings on the pages ``look`` names: the record's, less those of the rules made
    anew there, and the new ones (kept and dropped apart); every finding there but
    unused-ignore's before and after; unused-ignore's (by path). None when a recorded
    finding on an edited page sits where the edit may have moved it."""
    before: list[Finding] = []
    after: list[Finding] = []
    notes: Tables = ({}, {})
    tables: Tables = ({}, {})
    for i, table in enumerate((record.by_path, record.dropped)):
        for path in look:
            old = table.get(path, [])
            before += [f for f in old if f.rule != "unused-ignore"]
            for f in old:
                if f.rule == "unused-ignore":
                    notes[i].setdefault(path, []).append(f)
            stay = [f for f in old if not fresh_for(f.rule, path)]
            if path in edited and any((f.line, f.column) != (1, 1) for f in stay):
                return None
            tables[i][path] = new = stay + fresh[i].get(path, [])
            after += new
    return tables, before, after, notes


def _ignore_notes(
    analysis: Any,
    rules: list[Any],
    record: Any,
    look: set[str],
    tables: Tables,
    before: list[Finding],
    after: list[Finding],
    notes: Tables,
) -> None:
    """Add unused-ignore's findings to ``tables``: the recorded ones when the same
    `rules.ignore` entries match nothing as before (judged on the pages ``look`` names,
    and on every page when an entry's matches there changed), else made anew."""
    from .engine import policy_kept
    from .rules import RULES

    if _matching(analysis, before) != _matching(analysis, after):
        # an entry matches on those pages now and not before, or the reverse: whether it
        # matches anything reads every other page's findings too
        kept = (record.by_path, record.dropped)
        others = [f for table in kept for p in table if p not in look for f in table[p]]
        before, after = before + others, after + others
    if _unused(analysis, before) == _unused(analysis, after):
        for i in (0, 1):  # the same entries match nothing: the same notes
            for path, found in notes[i].items():
                tables[i].setdefault(path, []).extend(found)
        return
    rule = next(r for r in rules if r.module.ID == "unused-ignore")
    made = list(RULES["unused-ignore"].check(_context(analysis, rule), after, rule.options))
    shown = policy_kept(made, analysis.site, analysis.policy)
    for f in made:
        tables[all(f is not g for g in shown)].setdefault(f.path, []).append(f)


def _moved(old: Any, new: Any) -> list[str]:
    """The URLs whose depth from the home page or kinds of inbound links differ in ``new``
    (the graph rules of a page read nothing else of the graph)."""
    import numpy as np

    differs = (old.depths != new.depths) | (old.inbound_masks != new.inbound_masks)
    return [new.urls[i] for i in np.flatnonzero(differs)]


def _site_rule_pages(record: Any, active: set[str]) -> set[str]:
    """The pages where a graph rule of the site made anew on the whole site
    (`hub-authority`, `cluster-depth`) reported in the record: their entries there go (the
    new findings' pages are looked at anyway)."""
    from .rules import RULES

    site_rules = {r for r in active if r in RUN and r not in OWN and RULES[r].SCOPE == "site"}
    return {p for table in (record.by_path, record.dropped) for r in site_rules for p in table.holding(r)}


def _matching(analysis: Any, findings: list[Finding]) -> list[bool]:
    """For each `rules.ignore` entry, whether it drops one of ``findings``."""
    from .rules._base import ignored_by

    pages = analysis.site.by_path
    rels = [pages[f.path].rel if f.path in pages else f.path for f in findings]
    entries = analysis.policy.policy.rules.ignore
    return [
        any(ignored_by(entry, f, rel) for f, rel in zip(findings, rels, strict=True)) for entry in entries
    ]


def _unused(analysis: Any, findings: list[Finding]) -> list[int]:
    """The places of the `rules.ignore` entries that drop none of ``findings`` (what
    unused-ignore reports, with where each entry is: read only when one changed)."""
    return [i for i, used in enumerate(_matching(analysis, findings)) if not used]


def _linked_facts(rebuilt: _Rebuilt, record: Any, facts: Any, changed: list[str]) -> Any:
    """``facts`` with the edited pages' keys and the pages they link to and no longer
    link to (each page's ``linked_from``: the places of the pages with a link to it)."""
    site = rebuilt.analysis.site
    place = {path: i for i, path in enumerate(record.facts)}
    for path in changed:
        key, includes = rebuilt.keys[path]
        facts = facts.replaced(path, dataclasses.replace(facts[path], key=key, includes=includes))
        page, here = site.by_path[path], place[path]
        old = {lk.target_page.path for lk in rebuilt.before[path] if lk.target_page not in (None, page)}
        new = {lk.target_page.path for lk in page.links if lk.target_page not in (None, page)}
        for target in old ^ new:
            fact = facts[target]
            linked = set(fact.linked_from)
            linked.symmetric_difference_update({here})
            facts = facts.replaced(target, dataclasses.replace(fact, linked_from=sorted(linked)))
    return facts


def _context(analysis: Any, rule: Any) -> Any:
    from .rules import RuleContext

    ctx = RuleContext(
        site=analysis.site,
        policy=analysis.policy.policy,
        graph=analysis.graph,
        clusters=analysis.clusters,
        analysis=analysis,
    )
    ctx.rule, ctx.severity = rule.module.ID, rule.severity
    return ctx


def _reporting_on(analysis: Any, paths: set[str]) -> dict[str, dict[str, Any]]:
    """For the graph rules of the site that report on a cluster's hub (`hub-authority`) or
    members (`cluster-depth`), the clusters where they may report on one of ``paths``: the
    others need not be looked at (at 10k pages, PageRank is most of a named page's rules
    when no hub is named)."""
    clusters = analysis.clusters
    return {
        "hub-authority": {cid: c for cid, c in clusters.items() if c.hub.path in paths},
        "cluster-depth": {cid: c for cid, c in clusters.items() if any(m.path in paths for m in c.members)},
    }


def _findings(
    analysis: Any,
    rules: list[Any],
    linked: list[Any],
    pages_of: Callable[[str], list[Any]],
    narrowed: dict[str, dict[str, Any]] | None = None,
) -> list[Finding]:
    """The findings of the link rules on the pages ``linked``, and of the rules of
    :data:`RUN` and :data:`INBOUND`: each page rule on the pages ``pages_of`` its id, each
    site rule once (on the clusters ``narrowed`` gives it, if it names the rule)."""
    from .engine import _run_link_rules
    from .errors import about_page

    found: list[Finding] = []
    for rule in rules:
        ident, scope = rule.module.ID, rule.module.SCOPE
        if scope == "link" or (ident not in RUN and ident not in INBOUND):
            continue
        ctx = _context(analysis, rule)
        if ident in OWN and scope == "site":
            ctx.clusters = _clusters_of(analysis.clusters, linked)
        elif narrowed is not None and ident in narrowed:
            ctx.clusters = narrowed[ident]
        if scope == "page":
            for page in pages_of(ident):
                if page.published and page.readable:
                    with about_page(page.path, "checking"):
                        found.extend(rule.module.check(ctx, page, rule.options))
        else:
            found.extend(rule.module.check(ctx, rule.options))
    links = [r for r in rules if r.module.SCOPE == "link"]
    if links:
        _run_link_rules(_context(analysis, links[0]), links, [p for p in linked if p.readable], found)
    return found


def _clusters_of(clusters: dict[str, Any], pages: list[Any]) -> dict[str, Any]:
    """The clusters an own-link rule of the site reads for the edited ``pages``: whole
    where the hub is edited (hub-coverage counts every member), else only the edited
    members (hub-missing-link reads each member's links alone); none of the others."""
    from .site.clusters import Cluster

    edited = {p.path for p in pages}
    joined = {cid for p in pages for cid in p.clusters}
    out = {}
    for cid, cluster in clusters.items():
        if cluster.hub.path in edited:
            out[cid] = cluster
        elif cid in joined:
            members = [m for m in cluster.members if m.path in edited]
            out[cid] = Cluster(id=cid, hub=cluster.hub, members=members, index=cluster.index)
    return out


def _with_edits(
    record: Any, analysis: Any, by_path: Any, before: dict[str, list[Any]], changed: list[str]
) -> Any:
    """``record`` with ``by_path``, the edited pages' inline switches and the new figures."""
    from .incremental import PageFacts
    from .site.model import LinkKind

    def counted(links: Iterable[Any]) -> int:
        return sum(1 for lk in links if not lk.is_image and lk.kind in (LinkKind.INTERNAL, LinkKind.EXTERNAL))

    site = analysis.site
    links = record.links
    facts, disabling = record.facts, set(record.disabling)
    for path in changed:
        page = site.by_path[path]
        links += counted(page.links) - counted(before[path])
        fact: PageFacts = facts[path]
        parsed = page.parsed
        new = dataclasses.replace(
            fact,
            disabled_file=set(parsed.disabled_file),
            disabled_lines={k: set(v) for k, v in parsed.disabled_lines.items()},
        )
        facts = facts.replaced(path, new)
        disabling.discard(path)
        if new.disabled_file or new.disabled_lines:
            disabling.add(path)
    return dataclasses.replace(
        record,
        links=links,
        edges=analysis.graph.edge_counts(),
        facts=facts,
        by_path=by_path,
        disabling=frozenset(disabling),
        model=None,
    )
