"""The Python API; the command line only wraps these functions."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import collector, delta, incremental
from .changes import Changes
from .errors import UsageError
from .findings import Finding, Report, enabled_in_scope
from .governance import clock
from .io import RefusedFile, atomic_write, within
from .policy.files import PolicyFiles
from .site import skeleton
from .source import GitRevision, Source, WorkTree, head_commit

# Imported where used: a run its record answers reads no policy, page or graph.
if TYPE_CHECKING:
    from .analysis import Analysis
    from .insight.metrics import SiteStats
    from .insight.velocity import Velocity
    from .policy import LoadedPolicy
    from .signals.model import SignalsResult
    from .site.model import RenderedSite, Site
    from .suggest import Suggestion

Progress = Callable[[str], None]


def find_root(start: Path) -> Path:
    """The repository root above ``start`` (the folder holding ``.git``), else ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _root(root: Path | None, cwd: Path) -> Path:
    root = root.resolve() if root else find_root(cwd)
    if not root.is_dir():
        raise UsageError(f"{root}: not a directory")
    return root


def load(root: Path | None = None, policies: Path | None = None, cwd: Path | None = None) -> LoadedPolicy:
    cwd = (cwd or Path.cwd()).resolve()
    return PolicyFiles(_root(root, cwd), policies, cwd).loaded


def analyse_source(
    root: Path,
    source: Source,
    loaded: LoadedPolicy,
    progress: Progress | None = None,
    cache: bool = False,
    rendered: Path | None = None,
    policy_rendered: bool = False,
) -> Analysis:
    """Read the site; with ``rendered`` (or ``policy_rendered`` and the policy's
    ``site.rendered``, when that directory exists) its built HTML is the graph."""
    from .analysis import Analysis
    from .site.build import build_site
    from .site.clusters import assign_clusters

    if progress:
        progress("reading content")
    # git revisions too: a page's cache key is its bytes, wherever they were read from
    cache_root = root if cache and isinstance(source, WorkTree | GitRevision) else None
    site = build_site(source, loaded, cache_root=cache_root, progress=progress)
    if isinstance(source, WorkTree):
        _require_content(root, source, loaded, site)
    clusters = assign_clusters(site, loaded)
    notes: list[str] = []
    built = rendered if rendered is not None else _policy_rendered(root, loaded, policy_rendered, notes)
    if built is not None:
        if progress:
            progress(f"reading the built site {built}")
        site.rendered = _read_built(site, loaded, built)
    if progress:
        where = f" of {site.config_file}" if site.config_file else ""
        roots = ", ".join(r or "./" for r in site.content_roots)
        progress(f"the {site.generator} site{where}: {len(site.published)} pages under {roots}")
        progress("building link graph")
    from .site.graph import build_graph  # numpy and scipy: not for a run the record answers

    graph = build_graph(site)
    notes += _rendered_notes(site)
    return Analysis(
        root=root, source=source, policy=loaded, site=site, graph=graph, clusters=clusters, notes=notes
    )


def _read_built(site: Site, loaded: LoadedPolicy, built: Path) -> RenderedSite:
    from .site.rendered import read_rendered, selector_error

    spec = loaded.policy.site
    problem = selector_error(spec.rendered_content) if spec.rendered_content else None
    if problem:
        raise loaded.error(("site", "rendered_content"), problem)
    return read_rendered(site, built, str(built), spec.base_url, spec.hosts, spec.rendered_content)


def _policy_rendered(root: Path, loaded: LoadedPolicy, wanted: bool, notes: list[str]) -> Path | None:
    """The policy's built site, when asked for and built (a commit hook runs before any build)."""
    spec = loaded.policy.site.rendered
    if not wanted or not spec:
        return None
    if not (root / spec).is_dir():
        notes.append(f"site.rendered {spec} is not built; the link graph is read from the sources")
        return None
    return root / spec


def analyse(
    root: Path | None = None,
    policies: Path | None = None,
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
    cache: bool = False,
    rendered: Path | None = None,
    policy_rendered: bool = False,
) -> Analysis:
    """``rendered``: a built site (relative to ``cwd``) whose HTML links are the graph;
    ``policy_rendered``: use the policy's ``site.rendered`` (what `check` does)."""
    cwd = (cwd or Path.cwd()).resolve()
    root = _root(root, cwd)
    built = cwd / rendered if rendered is not None else None
    loaded = load(root, policies, cwd)
    with collector.paused(kept=True):  # the analysis is the caller's to the end
        return analyse_source(root, WorkTree(root), loaded, progress, cache, built, policy_rendered)


def _require_content(root: Path, source: Source, policy: LoadedPolicy, site: Site) -> None:
    """No silent green: a content root that does not exist, or no page at all, ends the run
    (the work tree's; an older revision may predate its content)."""
    given = policy.policy.site.content_roots if "content" in policy.policy.site.model_fields_set else []
    for i, root in enumerate(given):
        if not source.is_dir(root.strip("/")) and root.strip("/") not in ("", "."):
            loc = (
                ("site", "content", i)
                if isinstance(policy.policy.site.content, list)
                else ("site", "content")
            )
            raise policy.error(loc, f"content root {root} does not exist in {root}")
    if not site.pages:
        roots = ", ".join(r or "./" for r in site.content_roots) or "./"
        raise UsageError(f"no pages: found no {'/'.join(site.page_extensions)} files under {roots} in {root}")


def findings_of(analysis: Analysis, paths: Sequence[str] = ()) -> list[Finding]:
    from .engine import configure_rules, filter_findings, run_rules

    rules = configure_rules(analysis.policy)
    findings = run_rules(analysis, rules)
    only = {p.strip("/") for p in paths} if paths else None
    return filter_findings(findings, analysis.site, analysis.policy, only)


def report_of(analysis: Analysis, findings: list[Finding]) -> Report:
    from .site.model import LinkKind

    links = sum(
        1
        for p in analysis.site.pages
        for lk in p.links
        if not lk.is_image and lk.kind in (LinkKind.INTERNAL, LinkKind.EXTERNAL)
    )
    return Report(
        findings=findings,
        pages=len(analysis.site.published),
        links=links,
        edges=analysis.graph.edge_counts(),
        notes=analysis.notes,
    )


def _rendered_notes(site: Site) -> list[str]:
    """Built pages that no source page makes (taxonomy lists, 404 pages, pagination)."""
    built = site.rendered
    if built is None or not built.built_only:
        return []
    shown = ", ".join(built.built_only[:10]) + (" ..." if len(built.built_only) > 10 else "")
    return [f"{len(built.built_only)} pages of {built.directory} have no source page: {shown}"]


def check(
    root: Path | None = None,
    policies: Path | None = None,
    paths: Sequence[str] = (),
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
    cache: bool = False,
    rendered: Path | None = None,
    signal_paths: Sequence[Path] = (),
) -> Report:
    """Lint the site under ``root`` against its policies.

    ``paths`` (relative to the repository root) limit which findings are reported;
    graph rules still see the whole site. ``cache`` keeps parsed pages in the git
    directory (see :mod:`.content.cache`), and the run's findings, re-used while no input
    changes (see :mod:`.incremental`). ``rendered`` (or the policy's ``site.rendered``)
    names a built site whose HTML links make the graph. ``signal_paths``: access logs and
    exports for the signal rules (see :func:`signals`); a run that reads them is not re-used.
    """
    cwd = (cwd or Path.cwd()).resolve()
    root = _root(root, cwd)
    for path in paths:
        if not (root / path).exists():
            raise UsageError(f"{path}: no such file or folder in {root}")
    policy = PolicyFiles(root, policies, cwd)
    runs = _run_cache(root, policy) if cache and rendered is None and not signal_paths else None
    built = cwd / rendered if rendered is not None else None
    only = {p.strip("/") for p in paths} if paths else None
    scope = None if _in_policy(policy.repo_dir, paths) else only
    result, _ = _recorded_run(
        root, policy, runs, progress, cache, built, True, signal_paths, lambda _: scope, only or ()
    )
    return _recorded_report(result, policy.repo_dir, paths, only)


def _recorded_run(
    root: Path,
    policy: PolicyFiles,
    runs: incremental.RunCache | None,
    progress: Progress | None,
    cache: bool,
    built: Path | None = None,
    policy_rendered: bool = False,
    signal_paths: Sequence[Path] = (),
    scope: Callable[[incremental.RunResult], set[str] | None] | None = None,
    named: Iterable[str] = (),
) -> tuple[incremental.RunResult, Analysis | None]:
    """The run's findings (those the policy does not ignore): from the last run's record
    where it answers (then no analysis, and the policy files are not even read), else
    from a whole analysis, recorded in ``runs`` for the next run. ``scope`` names, from the
    record, the only pages whose findings the caller reports (None: every page): after
    edits that changed pages' own links, where the record cannot answer for the whole site
    (see :mod:`.delta`), it may still answer for those pages (an answer not recorded).
    ``named``: the files the run was given (one of them changed: the policy is loaded while
    the record's inputs are compared, see :meth:`.incremental.RunCache.lookup`)."""
    found = _reused(root, policy, runs, scope, named) if runs is not None else None
    if isinstance(found, incremental.RunResult):
        return found, None
    if found is None and runs is not None:
        runs.previous = None  # a run that keeps nothing of the record does not hold its bytes
    loaded = policy.loaded
    source = incremental.RecordingTree(root) if runs is not None else WorkTree(root)
    with collector.paused(kept=True):  # the run keeps its site to the end
        analysis = analyse_source(root, source, loaded, progress, cache, built, policy_rendered)
    if signal_paths:
        from .signals.run import attach

        attach(analysis, signal_paths)  # the signal rules read them
    if progress:
        progress("checking rules")
    kept = found if isinstance(found, incremental.LinkEdits) else None
    result = _run_result(analysis, kept)
    if runs is not None and isinstance(source, incremental.RecordingTree) and not loaded.policy.site.rendered:
        # approvals expire and policies fall due by the day: then the record holds for the
        # day only; review cadence reads git history: then it holds for this commit only
        # (else a commit, or a new day, leaves it valid, and the next hook re-uses it)
        inputs = source.inputs(analysis.site.by_path)
        inputs["policy"] = loaded.sections  # a later run after edits reads no YAML
        if analysis.site.rendered is None and delta.answers(loaded):  # what a run after link edits reads
            result.model = skeleton.model_of(analysis.site, analysis.graph, analysis.clusters)
        head = (head_commit(root) or "") if loaded.policy.has_reviews else None
        runs.save(inputs, result, head, _day_read(loaded))
    return result, analysis


def _recorded_report(
    result: incremental.RunResult, policy_dir: str | None, paths: Sequence[str], only: set[str] | None
) -> Report:
    """The report of ``result``'s findings on ``only`` (None: every page); every page when
    one of ``paths`` is in the policy directory (a policy change may touch any page)."""
    if _in_policy(policy_dir, paths):
        only = None
    findings = enabled_in_scope(result.findings(only), result.disables(), only)
    return Report(
        findings=findings, pages=result.pages, links=result.links, edges=result.edges, notes=result.notes
    )


def _in_policy(policy_dir: str | None, paths: Sequence[str]) -> bool:
    """Whether one of ``paths`` is in the policy directory (a policy change may touch any page)."""
    return bool(policy_dir) and any(p == policy_dir or p.startswith(f"{policy_dir}/") for p in paths)


def _reused(
    root: Path,
    policy: PolicyFiles,
    runs: incremental.RunCache,
    scope: Callable[[incremental.RunResult], set[str] | None] | None = None,
    named: Iterable[str] = (),
) -> incremental.RunResult | incremental.LinkEdits | None:
    """The last run's result, when no input changed, or only pages whose edits leave the
    site and its graph as they were (see :func:`.incremental.apply_edits`). When the edits
    changed those pages' own links only: the result :func:`.delta.answer` makes from the
    record (recorded when it is the whole site's, else for the pages ``scope`` names), or
    what a full run may keep of the record."""
    found = runs.lookup(named, lambda inputs: _prepared(policy, inputs))
    if found is None:
        return None
    collector.keep(found)  # the record: freed by the exit, not object by object
    result, inputs, changed = found
    if not changed:
        return result
    policy.known = inputs.get("policy")  # the same files' sections, as this record's run read them
    loaded = policy.loaded  # edited pages are parsed with its settings
    # blocks chosen by entity mentions read a page's plain text (code spans included)
    reads_text = any(b.select == "entities" for b in loaded.policy.blocks)
    started = time.time_ns()  # before the edited pages are read again (their stats' moment)
    edited = incremental.apply_edits(root, loaded, result, inputs, changed, reads_text)
    if isinstance(edited, frozenset):
        pages = [p for p in changed if p in result.facts]
        answer = delta.answer(root, loaded, result, inputs, pages, scope(result) if scope else None, started)
        if answer is not None and answer[1] is not None:
            runs.save(answer[1], answer[0], runs.head, runs.day)  # the whole result: as a full run's
        if answer is not None:
            return answer[0]
        return incremental.LinkEdits.of(result, edited)
    if edited is None:
        return None
    # recorded as its changes where it can be (a few bytes); else only past a few edited
    # pages, which are cheaper to re-read than a whole record is to write
    runs.save(edited[1], edited[0], runs.head, runs.day, whole=len(changed) > incremental.RESAVE_AFTER)
    return edited[0]


def _prepared(policy: PolicyFiles, inputs: dict[str, Any]) -> None:
    """What a run the record answers needs whenever a page changed, made while the record's
    inputs are compared (see :meth:`.incremental.RunCache.lookup`): the policy, from the
    sections the record kept, and the page reader's modules (the Markdown readers)."""
    import importlib

    policy.known = inputs.get("policy")
    _ = policy.loaded
    importlib.import_module(".site.build", __package__)


def _day_read(loaded: LoadedPolicy) -> str | None:
    """The day (ISO) a run's findings hold for when its rules read the date: approvals
    expire and reviews fall due by the day (None: the findings hold any day; front-matter
    dates still to come end a record's use themselves)."""
    return clock.today().isoformat() if loaded.policy.approvals or loaded.policy.has_reviews else None


def blocks_current(
    root: Path | None = None, policies: Path | None = None, *, cwd: Path | None = None
) -> bool:
    """Whether the last `check`'s record, where it still answers (as for :func:`check`
    with ``cache``), shows every managed block as `generate` writes it: no stale-link-block
    finding, no page whose markers cannot be trusted. False when it cannot tell (no record,
    the rule switched off, or `rules.ignore` may hide such a finding): then plan the blocks."""
    cwd = (cwd or Path.cwd()).resolve()
    root = _root(root, cwd)
    policy = PolicyFiles(root, policies, cwd)
    runs = _run_cache(root, policy)
    result = _reused(root, policy, runs) if runs is not None else None
    if not isinstance(result, incremental.RunResult):
        return False
    loaded = policy.loaded
    if not loaded.policy.blocks:
        return True  # nothing to write
    stale = incremental.stale_block_rule(loaded)
    if stale is None or incremental.ignore_may_hide(loaded, stale[0]):
        return False
    # a refusal the page's own problem explains is an invalid-page finding instead
    return not any(f.rule in (stale[0], "invalid-page") for f in result.findings())


def _run_cache(root: Path, policy: PolicyFiles) -> incremental.RunCache | None:
    """Where this run's result is kept: under a key of the policy files' bytes (and
    linkpolicy's source), when they are in the repository; a record whose rules read the
    date holds the day it was made."""
    if policy.repo_dir is None:
        return None
    key = incremental.run_key(root, policy.dir, "check")
    return incremental.RunCache(root, key) if key is not None else None


def _run_result(analysis: Analysis, kept: incremental.LinkEdits | None = None) -> incremental.RunResult:
    """The run's result for its record; with ``kept``, the link rules check the edited
    pages only and the other pages' link findings are the record's."""
    from .engine import configure_rules, policy_kept, run_rules

    rules = configure_rules(analysis.policy)
    if kept is None:
        found = run_rules(analysis, rules)
    else:
        found = run_rules(analysis, rules, kept.pages, kept.findings)
    shown = policy_kept(found, analysis.site, analysis.policy)
    report = report_of(analysis, shown)
    dropped: list[Finding] = []  # the findings `rules.ignore` dropped, for a later run after edits
    if len(shown) < len(found):
        left = {id(f) for f in shown}
        dropped = [f for f in found if id(f) not in left]
    keys = analysis.site.parse_keys
    bodies = analysis.planned_bodies or {}
    linked_from: dict[str, list[int]] = {}  # in page order: each list comes sorted
    for here, p in enumerate(analysis.site.pages):
        for link in p.links:
            target = link.target_page
            if target is not None and target is not p:
                linked_from.setdefault(target.path, []).append(here)
    facts = (
        (
            p.path,
            incremental.PageFacts(
                p.rel,
                set(p.parsed.disabled_file) if p.parsed else set(),
                {k: set(v) for k, v in p.parsed.disabled_lines.items()} if p.parsed else {},
                *keys.get(p.path, (None, ())),
                list(dict.fromkeys(linked_from.pop(p.path, ()))),
                p.url,
                bodies.get(p.path),
            ),
        )
        for p in analysis.site.pages
    )
    fronts = [p.front for p in analysis.site.pages]
    until = incremental.next_moment(fronts, dt.datetime.now(dt.UTC))
    return incremental.RunResult.of(
        report.findings, report.pages, report.links, report.edges, report.notes, facts, until, dropped
    )


def signals(
    paths: Sequence[Path],
    root: Path | None = None,
    policies: Path | None = None,
    *,
    columns: dict[str, str] | None = None,
    engine: str = "auto",
    top: int = 20,
    cwd: Path | None = None,
    progress: Progress | None = None,
    cache: bool = False,
) -> SignalsResult:
    """Crawl, indexing and traffic signals from the files under ``paths`` (access logs,
    Search Console and GA4 exports, CSVs with ``columns``) per page and per cluster, with
    the findings of the signal rules (`crawl-starved-hub`, `unindexed-hub`,
    `traffic-orphan`, `deep-valuable-page`)."""
    from .engine import configure_rules, filter_findings, run_rules
    from .rules import SIGNAL_RULES
    from .signals.run import attach

    analysis = analyse(root, policies, cwd=cwd, progress=progress, cache=cache)
    if progress:
        progress("reading signals")
    result = attach(analysis, paths, columns, engine, top)
    rules = [r for r in configure_rules(analysis.policy) if r.module.ID in SIGNAL_RULES]
    result.findings = filter_findings(run_rules(analysis, rules), analysis.site, analysis.policy, None)
    return result


def write_blocks(analysis: Analysis) -> tuple[list[str], list[tuple[str, str]]]:
    """Write every stale managed block (atomically). Returns the files written and the
    files refused with the reason (read-only, changed since read, outside the root):
    those are left as they are."""
    from .generate import Refusal

    written: list[str] = []
    refused: list[tuple[str, str]] = []
    for page in analysis.block_writes():  # one page's bytes at a time
        if isinstance(page, Refusal):
            refused.append((page.path, f"{page.message}; run `linkpolicy generate` again once it is fixed"))
            continue
        path, change = page[-1].path, page[-1]  # each change of a page holds its final bytes
        try:
            atomic_write(analysis.root / path, change.new, root=analysis.root, expect=change.old)
        except RefusedFile as exc:
            refused.append((path, f"{exc.reason}; run `linkpolicy generate` again once it is fixed"))
        else:
            written.append(path)
    return written, refused


def write_snapshot(analysis: Analysis) -> list[str]:
    """Write the link-graph snapshot; return the files that changed."""
    state = analysis.snapshot()
    directory = analysis.root / state.directory
    if not within(analysis.root, directory):
        raise UsageError(f"site.snapshot {state.directory} is outside the repository")
    changed = []
    for name, text in state.expected.items():
        old = state.committed.get(name)
        if old != text:
            try:
                atomic_write(directory / name, text, root=analysis.root, expect=_encoded(old))
            except RefusedFile as exc:
                raise UsageError(f"{state.directory}{name}: {exc.reason}") from None
            changed.append(state.directory + name)
    return changed


def _encoded(text: str | None) -> bytes | None:
    return text.encode("utf-8") if text is not None else None


def cluster_lookup(analysis: Analysis) -> Callable[[str], list[str]]:
    """URL on one of the site's hosts -> the clusters of the page it names (members'
    clusters, and the cluster a hub anchors); [] for other URLs."""
    from .domains import normalize_host

    site_policy = analysis.policy.policy.site
    hosts = {normalize_host(urlsplit(site_policy.base_url).netloc)} | {
        normalize_host(h) for h in site_policy.hosts
    }
    hubs = {c.hub.url: cid for cid, c in analysis.clusters.items()}

    def lookup(url: str) -> list[str]:
        parts = urlsplit(url if "://" in url else "https://" + url)
        if normalize_host(parts.netloc) not in hosts:
            return []
        page = analysis.site.find(parts.path or "/")
        if page is None:
            return []
        return sorted({*page.clusters, *([hubs[page.url]] if page.url in hubs else [])})

    return lookup


def linking_pages(site: Site, targets: set[str]) -> set[str]:
    """Paths of the pages with a link to one of the pages at ``targets`` (paths)."""
    return {
        page.path
        for page in site.pages
        for link in page.links
        if link.target_page is not None and link.target_page.path in targets and page.path not in targets
    }


def affected_paths(analysis: Analysis, changes: Changes) -> set[str] | None:
    """The pages whose findings ``changes`` can alter (None: every page): the changed
    pages, the pages linking to them, and the pages that linked to removed or renamed
    pages before the change."""
    if changes.site_wide(analysis.policy.repo_dir):
        return None
    pages = {p.path for p in analysis.site.pages}
    changed = {p for p in changes.present if p in pages}
    scope = changed | linking_pages(analysis.site, changed)
    if changes.removed and changes.base is not None:
        before = analyse_source(analysis.root, GitRevision(analysis.root, changes.base), analysis.policy)
        removed = {p.path for p in before.site.pages if p.path in set(changes.removed)}
        scope |= linking_pages(before.site, removed) & pages
    return scope


def check_changes(
    changes: Changes,
    root: Path | None = None,
    policies: Path | None = None,
    paths: Sequence[str] = (),
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
    cache: bool = False,
) -> Report:
    """Like :func:`check`, reporting findings on ``paths`` and on every page ``changes``
    can affect (see :func:`affected_paths`). With ``cache``, the last run's record answers
    as it does for :func:`check` (unless pages were removed: the pages that linked to them
    are found in the base revision)."""
    cwd = (cwd or Path.cwd()).resolve()
    root = _root(root, cwd)
    policy = PolicyFiles(root, policies, cwd)
    runs = _run_cache(root, policy) if cache and not changes.removed else None

    named = {p.strip("/") for p in paths}

    def reported(record: incremental.RunResult) -> set[str] | None:
        affected = _affected_in_record(record, changes, policy.repo_dir)
        return None if affected is None else affected | named

    in_policy = _in_policy(policy.repo_dir, paths)
    result, analysis = _recorded_run(
        root,
        policy,
        runs,
        progress,
        cache,
        scope=lambda record: None if in_policy else reported(record),
        named=(*named, *changes.present),
    )
    if analysis is None:
        only = reported(result)
    else:
        affected = affected_paths(analysis, changes)
        only = None if affected is None else affected | named
    return _recorded_report(result, policy.repo_dir, paths, only)


def _affected_in_record(
    result: incremental.RunResult, changes: Changes, policy_dir: str | None
) -> set[str] | None:
    """:func:`affected_paths` from a run's record, for changes that remove no page."""
    if changes.site_wide(policy_dir):
        return None
    paths = list(result.facts)
    changed = {p for p in changes.present if p in result.facts}
    return changed | {paths[i] for p in changed for i in result.facts[p].linked_from}


def select_rules(report: Report, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Report:
    """Keep the findings of the ``select``ed rules (all when empty), minus ``ignore``d ones.
    Raises UsageError for a rule id that does not exist."""
    if not select and not ignore:
        return report
    from .rules import RULES

    for rule_id in (*select, *ignore):
        if rule_id not in RULES:
            import difflib

            close = difflib.get_close_matches(rule_id, list(RULES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else "; `linkpolicy rules` lists them"
            raise UsageError(f"unknown rule '{rule_id}'{hint}")
    report.findings = [
        f for f in report.findings if (not select or f.rule in select) and f.rule not in ignore
    ]
    return report


def velocity(
    analysis: Analysis | Path,
    since: str | dt.date = "90d",
    *,
    today: dt.date | None = None,
    cache: bool = True,
) -> Velocity:
    """Internal links added and removed per ISO week and cluster since ``since`` (``90d``,
    ``12w``, ``6m``, ``1y`` before today, or a date), read from the git history of the
    repository (see :mod:`.insight.velocity`). ``analysis``: an analysis, or a repository root."""
    from .analysis import Analysis
    from .insight.velocity import compute_velocity

    if not isinstance(analysis, Analysis):
        analysis = analyse(analysis, cwd=analysis, cache=cache)
    return compute_velocity(analysis, since, today, cache)


def suggest(
    root: Path | None = None,
    policies: Path | None = None,
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
    cache: bool = False,
) -> list[Suggestion]:
    """Internal-link suggestions for the site under ``root`` (see :mod:`.suggest`)."""
    from .suggest import suggestions

    analysis = analyse(root, policies, cwd=cwd, progress=progress, cache=cache)
    if progress:
        progress("finding link suggestions")
    return suggestions(analysis)


def stats_of(
    analysis: Analysis,
    since: str | dt.date | None = None,
    cache: bool = True,
    signal_paths: Sequence[Path] = (),
) -> SiteStats:
    """Site, cluster and per-page metrics of the link graph (`linkpolicy stats`); with ``since``
    (``90d``, a date ...), link velocity per cluster and week from git history too; with
    ``signal_paths``, the imported signals per cluster (see :func:`signals`)."""
    from .insight.metrics import ClusterSignals, VelocityRow, compute

    stats = compute(analysis)
    if since is not None:
        found = velocity(analysis, since, cache=cache)
        stats.velocity = [VelocityRow(r.cluster, r.week, r.added, r.removed) for r in found.rows]
        stats.notes.extend(found.notes)
    if signal_paths:
        from .signals.run import attach

        imported = attach(analysis, signal_paths, None, "auto", 20)
        stats.signals = [
            ClusterSignals(c.id, {k: v for k, v in c.to_dict().items() if k not in ("id", "hub")})
            for c in imported.clusters
        ]
    return stats


def html_report(analysis: Analysis, stats: SiteStats | None = None) -> str:
    """The self-contained HTML report of the site: findings, metrics and the cluster picture."""
    from .insight.html import render_report

    stats = stats if stats is not None else stats_of(analysis)
    return render_report(stats, report_of(analysis, findings_of(analysis)), analysis.site.generator)
