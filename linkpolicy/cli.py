"""The ``linkpolicy`` command: options -> API -> reporter -> exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage error, unusable policy or internal error (one line on stderr).
"""

from __future__ import annotations

import atexit
import difflib
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, baseline, collector
from . import changes as changeset
from .errors import LinkpolicyError, PatternTimeout, UsageError
from .findings import Report, Severity
from .io import RefusedFile, atomic_write
from .lazy import deferred
from .report import REPORTERS
from .report import text as text_report
from .source import WorkTree, git
from .terminal import Progress, use_color

# The analysis's numpy work is sparse and single-threaded; OpenBLAS's thread pool, started
# as numpy is imported, costs ~0.1 s of CPU on every run (a quarter of a link edit's) and
# sits beside the parse workers forked later. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# The analysis stack loads when a command first calls into it (`--version` stays light).
analyse = deferred("linkpolicy.api", "analyse")
analyse_source = deferred("linkpolicy.api", "analyse_source")
check_changes = deferred("linkpolicy.api", "check_changes")
cluster_lookup = deferred("linkpolicy.api", "cluster_lookup")
find_root = deferred("linkpolicy.api", "find_root")
select_rules = deferred("linkpolicy.api", "select_rules")
write_blocks = deferred("linkpolicy.api", "write_blocks")
blocks_current = deferred("linkpolicy.api", "blocks_current")
write_snapshot = deferred("linkpolicy.api", "write_snapshot")
run_check = deferred("linkpolicy.api", "check")
load_policy = deferred("linkpolicy.api", "load")

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"linkpolicy: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(func: F) -> F:
    """One error handler: known errors print one line; anything else one line too,
    with the traceback only under ``--debug`` / ``LINKPOLICY_DEBUG=1``."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LinkpolicyError as exc:
            _fail(str(exc))
        except PatternTimeout as exc:
            _fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`| head`); say nothing more.
            sys.stderr.close()
            os._exit(EXIT_FINDINGS)
        except KeyboardInterrupt:
            click.echo("linkpolicy: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the promise is: never a bare traceback
            if os.environ.get("LINKPOLICY_DEBUG"):
                traceback.print_exc()
            where = "".join(f" {note}" for note in getattr(exc, "__notes__", ()))
            _fail(
                f"internal error{where}: {type(exc).__name__}: {exc} "
                "(set LINKPOLICY_DEBUG=1 for the traceback, and please report it)"
            )

    return wrapper  # type: ignore[return-value]


def _progress(quiet: bool) -> Callable[[str], None] | None:
    """A progress line on standard error for runs over a second, on a terminal only."""
    if quiet or not sys.stderr.isatty():
        return None
    progress = Progress(sys.stderr)
    atexit.register(progress.close)
    return progress


#: Characters of a report written to the terminal at a time (a big site's report is not
#: encoded as a whole beside itself).
_ECHO_CHUNK = 1 << 20


def _emit(text: str, output: Path | None, root: Path) -> None:
    if output is None:
        for start in range(0, len(text), _ECHO_CHUNK):
            click.echo(text[start : start + _ECHO_CHUNK], nl=False)
        return
    target = output if output.is_absolute() else Path.cwd() / output
    _write(None, target, text.encode("utf-8"))  # the user's choice: may lie outside the repository


def _write(root: Path | None, target: Path, data: bytes, expect: bytes | None = None) -> None:
    """Atomic write, refusals (outside the root, read-only, changed meanwhile) as one-line errors."""
    try:
        atomic_write(target, data, root=root, expect=expect)
    except RefusedFile as exc:
        raise UsageError(str(exc)) from None


no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every page afresh; do not read or write the parse cache (.git/linkpolicy/).",
)

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Repository root (default: the git repository around the current directory).",
)
policies_option = click.option(
    "--policies",
    type=click.Path(path_type=Path),
    default=None,
    help="Policy directory (default: ./policies, else <root>/policies).",
)
quiet_option = click.option("--quiet", is_flag=True, help="No progress messages on standard error.")


def site_options(func: F) -> F:
    """--root and --policies, which every command that reads the site takes."""
    return root_option(policies_option(func))


def output_option(what: str = "the report") -> Callable[[F], F]:
    """--output FILE: where a command writes what it would print."""
    return click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Write {what} to this file instead of standard output.",
    )


def format_option(*choices: str, default: str = "text", help: str = "Output format.") -> Callable[[F], F]:
    """--format, one of ``choices``."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True, help=help
    )


def fail_on_option(what: str = "Lowest severity") -> Callable[[F], F]:
    """--fail-on: the severity from which findings make the exit code 1."""
    return click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "info"]),
        default="error",
        show_default=True,
        help=f"{what} that makes the exit code 1.",
    )


common_options = [
    root_option,
    policies_option,
    format_option(*sorted(REPORTERS)),
    output_option(),
    fail_on_option(),
    quiet_option,
]


def with_common(func: F) -> F:
    for option in reversed(common_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkpolicy")
def main() -> None:
    """Lint a Markdown site's links against the link policies kept in its repository."""
    _tune_gc()
    # pydantic looks up plugins among every installed distribution's entry points (12 ms
    # of each run's start); the command line validates its policies with none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _without_plugin_loader()


def _without_plugin_loader() -> None:
    """With pydantic's plugins off (above), its loader module stands in as one that finds
    none: the real one imports importlib.metadata (zipfile, email, tempfile: 10 ms of a run
    its record answers) for a scan that the setting then skips. Left as it is when plugins
    are on, or the loader is loaded already. Any other name asked of it loads the real one
    (a pydantic that wants more of its loader gets it)."""
    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or name in sys.modules:
        return
    import importlib
    import types

    loader = types.ModuleType(name, "pydantic's plugin loader, with plugins off: none to load")

    def real(attribute: str) -> Any:
        if attribute.startswith("__"):  # what the import system asks of any module
            raise AttributeError(attribute)
        if sys.modules.get(name) is loader:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = loader


def run() -> None:
    """The command line's entry point (the console script, ``python -m linkpolicy``): the
    command, then an exit that skips the interpreter's teardown, which frees every module
    and every object still referenced one by one (50 ms of a 0.6 s run its record answers).
    Its exit handlers still run (the progress line, the collector freeze), and standard
    output and error are flushed first; with a thread still running (none should be), a
    profiler or tracer watching (``python -m cProfile`` writes its figures after the
    script returns), or where the output cannot be flushed, it exits the usual way."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = None
    _fast_exit(code)


def _fast_exit(code: object) -> None:
    import threading

    status = code if isinstance(code, int) else (0 if code is None else 1)
    if not isinstance(code, int | None):
        print(code, file=sys.stderr)  # as sys.exit says a message
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    watched = sys.getprofile() is not None or sys.gettrace() is not None
    if threading.active_count() > 1 or run_handlers is None or watched:
        sys.exit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)  # (a reader gone: the usual exit says so, as before)
    run_handlers()
    os._exit(status)


#: Container allocations between young collections (CPython's default is 700), and how
#: many young and middle collections pass before an older generation is looked at.
GC_THRESHOLDS = (200_000, 20, 100)


def _tune_gc() -> None:
    """The collector tuned for a process that builds millions of long-lived objects (a
    site's pages and links): with the default thresholds its passes over them took a
    fifth of a run over the parse cache. Parsing's short-lived cycles still go young.
    At exit every object is frozen, so the interpreter does not walk them all once more
    before it ends (2 s on a 10,000-page site), and what a step builds to keep for the
    rest of the run is frozen when it is built (:func:`.collector.paused`). The CLI's
    process only: the library leaves its host's collector alone."""
    gc.set_threshold(*GC_THRESHOLDS)
    atexit.register(gc.freeze)
    collector.own_process()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Report only findings not in this baseline (see `linkpolicy baseline`).",
)
@click.option(
    "--also",
    "also",
    multiple=True,
    metavar="FORMAT=FILE",
    help="Also write the report in another format from the same run, e.g. --also sarif=linkpolicy.sarif "
    "(repeatable).",
)
@click.option(
    "--rendered",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A built site (Hugo public/, MkDocs site/, Docusaurus build/): its HTML links are the graph.",
)
@click.option(
    "--staged",
    is_flag=True,
    help="Also report pages the staged change affects: links to renamed or deleted pages, links to "
    "changed pages; every page when a generator config or policy changed (the pre-commit hook).",
)
@click.option(
    "--changed-since",
    "changed_since",
    metavar="REV",
    default=None,
    help="Report findings only on pages changed since REV (from its merge base with HEAD, "
    "work tree included) and on every page that links to them.",
)
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="RULE[,RULE]",
    help="Report only these rules (repeatable, or comma-separated).",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="RULE[,RULE]",
    help="Do not report these rules (repeatable, or comma-separated).",
)
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means an error)."
)
@click.option(
    "--signals",
    "signal_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Access logs and Search Console / analytics exports (files or folders) for the signal "
    "rules: crawl-starved-hub, unindexed-hub, traffic-orphan, deep-valuable-page (repeatable).",
)
@click.option(
    "--sarif-category",
    default="linkpolicy",
    show_default=True,
    help="SARIF automationDetails.id, which keeps code-scanning analyses apart (one per site).",
)
@with_common
@no_cache_option
@handle_errors
def check(
    paths: tuple[Path, ...],
    baseline_file: Path | None,
    also: tuple[str, ...],
    rendered: Path | None,
    staged: bool,
    changed_since: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    signal_paths: tuple[Path, ...],
    sarif_category: str,
    root: Path | None,
    policies: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    quiet: bool,
    no_cache: bool,
) -> None:
    """Check content and link graph against the policies.

    PATHS limit the reported findings to those files (or folders); graph rules still
    see the whole site. This is what the pre-commit hook passes.
    """
    cwd = Path.cwd()
    repo = root.resolve() if root else find_root(cwd)
    extra: list[tuple[str, Path]] = []
    for item in also:
        name, sep, file = item.partition("=")
        if not sep or name not in REPORTERS or not file:
            raise click.UsageError(
                f"--also {item!r}: expected FORMAT=FILE with FORMAT one of {', '.join(REPORTERS)}"
            )
        extra.append((name, Path(file)))
    rel_paths = []
    for p in paths:
        absolute = (cwd / p).resolve() if not p.is_absolute() else p.resolve()
        try:
            rel_paths.append(absolute.relative_to(repo).as_posix())
        except ValueError:
            raise click.UsageError(f"{p} is outside the repository {repo}") from None
    if staged and changed_since:
        raise click.UsageError("--staged and --changed-since cannot be combined")
    if signal_paths and (staged or changed_since):
        raise click.UsageError("--signals cannot be combined with --staged or --changed-since")
    changes = None
    if staged or changed_since:
        changes = changeset.staged(repo) if staged else changeset.since(repo, changed_since or "")
    if staged and not rel_paths and not _touches_site(changes):
        if not quiet:
            click.echo("linkpolicy: no pages, policies or site config in the staged change", err=True)
        sys.exit(EXIT_OK)
    if changes is not None:
        report = check_changes(
            changes, repo, policies, rel_paths, cwd=cwd, progress=_progress(quiet), cache=not no_cache
        )
    else:
        report = run_check(
            repo,
            policies,
            rel_paths,
            cwd=cwd,
            progress=_progress(quiet),
            cache=not no_cache,
            rendered=rendered,
            signal_paths=signal_paths,
        )
    report = select_rules(report, _rule_list(select), _rule_list(ignore))
    for note in report.notes:
        click.echo(f"linkpolicy: note: {note}", err=True)
    if baseline_file is not None:
        report.findings, report.baselined, report.stale_baseline = baseline.apply(
            report.findings, baseline.load(baseline_file)
        )
    prefix = _git_prefix(repo)
    if fmt == "text" and output is None and use_color(sys.stdout):
        click.echo(text_report.render(report, color=True), nl=False, color=True)
    else:
        _emit(_render(fmt, report, sarif_category, prefix), output, repo)
    for name, file in extra:
        _emit(_render(name, report, sarif_category, prefix), file, repo)
    sys.exit(EXIT_FINDINGS if report.fails(Severity.parse(fail_on)) and not exit_zero else EXIT_OK)


def _rule_list(values: tuple[str, ...]) -> list[str]:
    return [r.strip() for v in values for r in v.split(",") if r.strip()]


def _git_prefix(repo: Path) -> str:
    """``repo`` relative to the top of its git repository ("website/"), "" at the top."""
    try:
        return git(repo, "rev-parse", "--show-prefix").decode("utf-8").strip()
    except LinkpolicyError:
        return ""


def _render(fmt: str, report: Report, sarif_category: str, prefix: str) -> str:
    """The report in ``fmt``. CI systems (GitHub code scanning and annotations, GitLab)
    read paths from the top of the repository, so those formats get the site root's
    ``prefix`` on every path."""
    if fmt in ("sarif", "github", "gitlab", "junit") and prefix:
        findings = [replace(f, path=prefix + f.path) for f in report.findings]
        report = replace(report, findings=findings)
    if fmt == "sarif":
        from .report import sarif

        return sarif.render(report, sarif_category)
    return REPORTERS[fmt](report)


_SITE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx", ".yaml", ".yml", ".j2", ".jinja")


def _touches_site(changes: changeset.Changes | None) -> bool:
    """Whether a change can alter findings at all: pages, policy files, site config."""
    if not changes:
        return False
    paths = (*changes.present, *changes.removed)
    return any(p.lower().endswith(_SITE_SUFFIXES) or changeset.SITE_WIDE.search(p) for p in paths)


def _analysis(root: Path | None, policies: Path | None, quiet: bool, cache: bool = True):
    cwd = Path.cwd()
    return analyse(root, policies, cwd=cwd, progress=_progress(quiet), cache=cache)


def _unified(path: str, old: bytes, new: bytes) -> str:
    a = old.decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, f"a/{path}", f"b/{path}"))


@main.command()
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; print a unified diff and exit 1 if any block is stale.",
)
@site_options
@quiet_option
@handle_errors
def generate(check_only: bool, root: Path | None, policies: Path | None, quiet: bool) -> None:
    """Rewrite the managed link blocks (`blocks` in the policy)."""
    if blocks_current(root, policies, cwd=Path.cwd()):
        # the last check's record still answers and shows every block as written: the
        # pre-commit hook's usual case, without planning every page's blocks again
        if not check_only and not quiet:
            click.echo("linkpolicy: 0 files updated", err=True)
        sys.exit(EXIT_OK)
    analysis = _analysis(root, policies, quiet)
    if check_only:
        sys.exit(_print_block_diffs(analysis))
    written, failed = write_blocks(analysis)  # page by page: the refusals are known after it
    refused = _print_refusals(analysis)
    for path in written:
        click.echo(f"updated {path}")
    for path, reason in failed:
        click.echo(f"linkpolicy: error: {path}: {reason}", err=True)
    if not quiet:
        click.echo(f"linkpolicy: {len(written)} files updated", err=True)
    sys.exit(EXIT_ERROR if failed else refused)


def _print_block_diffs(analysis: Any) -> int:
    """Print a unified diff of each page with a stale block, one page at a time, then the
    pages refused; exit 1 when there is one of either, else 0."""
    from .generate import Refusal

    blocks = files = late = 0
    for page in analysis.block_writes():
        if isinstance(page, Refusal):  # changed since it was planned, and no longer fits
            click.echo(f"linkpolicy: {page.path}:{page.line}: {page.message}", err=True)
            late += 1
            continue
        click.echo(_unified(page[0].path, page[-1].old, page[-1].new), nl=False)
        blocks, files = blocks + len(page), files + 1
    refused = _print_refusals(analysis)
    if files:
        click.echo(f"linkpolicy: {blocks} stale blocks in {files} files; run `linkpolicy generate`", err=True)
    return EXIT_FINDINGS if files or late else refused


def _print_refusals(analysis: Any) -> int:
    """Print the pages the plan refused to touch; exit 1 when there is one, else 0."""
    for refusal in analysis.block_refusals:
        click.echo(f"linkpolicy: {refusal.path}:{refusal.line}: {refusal.message}", err=True)
    return EXIT_FINDINGS if analysis.block_refusals else EXIT_OK


@main.command()
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; print a unified diff and exit 1 if the snapshot is stale.",
)
@site_options
@quiet_option
@handle_errors
def graph(check_only: bool, root: Path | None, policies: Path | None, quiet: bool) -> None:
    """Write (or with --check, verify) the link-graph snapshot in `site.snapshot`."""
    analysis = _analysis(root, policies, quiet)
    state = analysis.snapshot()
    stale = state.stale()
    if check_only:
        for name, _ in stale:
            old = (state.committed.get(name) or "").encode()
            click.echo(_unified(state.directory + name, old, state.expected[name].encode()), nl=False)
        if stale:
            click.echo(f"linkpolicy: {state.directory} is stale; run `linkpolicy graph`", err=True)
        sys.exit(EXIT_FINDINGS if stale else EXIT_OK)
    for path in write_snapshot(analysis):
        click.echo(f"updated {path}")


@main.command()
@click.argument("base")
@click.argument("head", required=False)
@site_options
@format_option("text", "json", "markdown")
@output_option()
@fail_on_option("Lowest severity of a new finding")
@click.option(
    "--signals",
    "signal_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Access logs and exports (files or folders): each cluster's crawl, indexing and traffic "
    "signals beside its changes (repeatable).",
)
@no_cache_option
@handle_errors
def diff(
    base: str,
    head: str | None,
    root: Path | None,
    policies: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    signal_paths: tuple[Path, ...],
    no_cache: bool,
) -> None:
    """Compare link graphs and findings between git revisions BASE and HEAD.

    HEAD defaults to the work tree, so uncommitted edits count.
    """
    from .diff import compute_diff
    from .report import diff_report

    cwd = Path.cwd()
    repo = root.resolve() if root else find_root(cwd)
    result = compute_diff(repo, base, head, policies, cwd, signal_paths, cache=not no_cache)
    render = {
        "text": diff_report.render_text,
        "json": diff_report.render_json,
        "markdown": diff_report.render_markdown,
    }[fmt]
    _emit(render(result), output, repo)
    sys.exit(EXIT_FINDINGS if result.fails(Severity.parse(fail_on)) else EXIT_OK)


@main.command("baseline")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Where to write it (default: {baseline.DEFAULT_FILE} at the repository root).",
)
@site_options
@quiet_option
@handle_errors
def baseline_command(output: Path | None, root: Path | None, policies: Path | None, quiet: bool) -> None:
    """Record today's findings so `check --baseline FILE` fails only on new ones."""
    cwd = Path.cwd()
    repo = root.resolve() if root else find_root(cwd)
    report = run_check(repo, policies, cwd=cwd, progress=_progress(quiet))
    target = output if output is not None else repo / baseline.DEFAULT_FILE
    target = target if target.is_absolute() else cwd / target
    # The default file lives in the repository; one named with --output is the user's choice.
    _write(repo if output is None else None, target, baseline.render(report.findings).encode("utf-8"))
    click.echo(f"linkpolicy: {len(report.findings)} findings recorded in {target}", err=True)


@main.command("suggest")
@site_options
@format_option("text", "json")
@output_option("the suggestions")
@quiet_option
@no_cache_option
@handle_errors
def suggest_command(
    root: Path | None, policies: Path | None, fmt: str, output: Path | None, quiet: bool, no_cache: bool
) -> None:
    """Internal links to add: unlinked entity mentions, hub links, and sources for orphans."""
    from .api import suggest
    from .report import suggest_report

    cwd = Path.cwd()
    found = suggest(root, policies, cwd=cwd, progress=_progress(quiet), cache=not no_cache)
    render = suggest_report.render_json if fmt == "json" else suggest_report.render_text
    _emit(render(found), output, root or cwd)


@main.command("codeowners")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; print a unified diff and exit 1 if the section is stale.",
)
@site_options
@handle_errors
def codeowners_command(check_only: bool, root: Path | None, policies: Path | None) -> None:
    """Write the CODEOWNERS lines that give each cluster's owners its pages."""
    from . import codeowners

    analysis = _analysis(root, policies, quiet=True)
    target = codeowners.locate(analysis.root)
    rel = target.relative_to(analysis.root).as_posix()
    old = codeowners.read(analysis.root, rel)
    new = codeowners.update(old.decode("utf-8"), codeowners.section(analysis), rel).encode("utf-8")
    if check_only:
        if old != new:
            click.echo(_unified(rel, old, new), nl=False)
            click.echo(f"linkpolicy: {rel} is stale; run `linkpolicy codeowners`", err=True)
        sys.exit(EXIT_FINDINGS if old != new else EXIT_OK)
    if old != new:
        _write(analysis.root, target, new, old)
        click.echo(f"updated {rel}")


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--columns",
    default=None,
    metavar="FIELD=HEADER,...",
    help="Map a generic CSV's headers: source (required), target, anchor, nofollow, first_seen, "
    "last_seen, lost, links.",
)
@click.option(
    "--disavow",
    "disavow_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Google disavow file to write or merge (kept line for line; new domain: lines appended).",
)
@click.option(
    "--check", "check_only", is_flag=True, help="With --disavow: change nothing, show what would be added."
)
@format_option("text", "json", "markdown")
@output_option()
@site_options
@handle_errors
def backlinks(
    files: tuple[Path, ...],
    columns: str | None,
    disavow_file: Path | None,
    check_only: bool,
    fmt: str,
    output: Path | None,
    root: Path | None,
    policies: Path | None,
) -> None:
    """Review backlink exports (Ahrefs, Semrush, Majestic, Moz, Search Console, CSV)
    against domains.backlinks; exit 1 while denied domains are not disavowed."""
    from .backlinks import disavow
    from .backlinks.formats import parse_columns, read_export
    from .backlinks.report import render_json, render_markdown, render_text
    from .backlinks.review import review

    cwd = Path.cwd()
    repo = root.resolve() if root else find_root(cwd)
    loaded = load_policy(repo, policies, cwd)
    mapping = parse_columns(columns) if columns else None
    existing, existing_bytes = "", b""
    if disavow_file is not None and (disavow_file.exists() or disavow_file.is_symlink()):
        existing_bytes, existing = disavow.read(disavow_file)
    try:
        clusters_of = cluster_lookup(analyse_source(repo, WorkTree(repo), loaded))
    except LinkpolicyError:
        clusters_of = None  # the export is reviewed without clusters
    exports = (read_export(f, mapping) for f in files)
    result = review(exports, loaded.policy.domains.backlinks, clusters_of, disavow.listed_domains(existing))
    if disavow_file is not None:
        merged = disavow.merge(existing, [d.domain for d in result.to_disavow])
        for warning in merged.warnings:
            click.echo(f"linkpolicy: warning: {warning}", err=True)
        if merged.added and not check_only:
            _write(
                None,
                disavow_file if disavow_file.is_absolute() else cwd / disavow_file,
                merged.text.encode("utf-8"),
                existing_bytes,
            )
            for d in result.domains:
                d.disavowed = d.disavowed or d.domain in merged.added
            click.echo(f"linkpolicy: added {len(merged.added)} domains to {disavow_file}", err=True)
        elif merged.added:
            old = existing.encode("utf-8")
            click.echo(_unified(str(disavow_file), old, merged.text.encode("utf-8")), nl=False, err=True)
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}[fmt]
    _emit(render(result), output, repo)
    sys.exit(EXIT_FINDINGS if result.pending else EXIT_OK)


def since_option(func: F) -> F:
    func = click.option(
        "--signals",
        "signal_paths",
        multiple=True,
        type=click.Path(exists=True, path_type=Path),
        help="Access logs and Search Console / analytics exports to show per cluster (files or folders; "
        "repeatable; see `linkpolicy signals`).",
    )(func)
    return click.option(
        "--since",
        default="90d",
        show_default=True,
        help="Link velocity per cluster and week from git history since 90d, 12w, 6m, 1y or a date "
        "(YYYY-MM-DD); 'off' skips it.",
    )(func)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "csv"]),
    default=None,
    help="Output format (default: text; csv with --pages).",
)
@click.option("--pages", is_flag=True, help="Per-page metrics instead of the summary (CSV or JSON).")
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the link graph with the page metrics to FILE.graphml or FILE.gexf.",
)
@output_option()
@since_option
@site_options
@quiet_option
@no_cache_option
@handle_errors
def stats(
    fmt: str | None,
    pages: bool,
    graph_file: Path | None,
    output: Path | None,
    since: str,
    signal_paths: tuple[Path, ...],
    root: Path | None,
    policies: Path | None,
    quiet: bool,
    no_cache: bool,
) -> None:
    """Metrics of the link graph: pages and links by kind, clusters, hubs, click depth."""
    from .api import stats_of
    from .insight import export, formats

    fmt = fmt or ("csv" if pages else "text")
    if pages and fmt not in formats.PAGES_FORMATS:
        raise click.UsageError(f"--pages writes csv or json, not {fmt}")
    if graph_file is not None and graph_file.suffix.lower() not in export.FORMATS:
        raise click.UsageError(f"--graph {graph_file}: the file name must end with .graphml or .gexf")
    analysis = _analysis(root, policies, quiet, cache=not no_cache)
    since_day = None if pages or since == "off" else since
    result = stats_of(analysis, since_day, cache=not no_cache, signal_paths=signal_paths)
    if graph_file is not None:
        data = export.serialise(export.export_graph(analysis.graph, result.page_metrics), graph_file)
        _write(None, graph_file if graph_file.is_absolute() else Path.cwd() / graph_file, data)
        if not quiet:
            click.echo(f"linkpolicy: wrote {graph_file} ({result.pages} pages)", err=True)
    if pages:
        text = formats.PAGES_FORMATS[fmt](result.page_metrics)
    else:
        text = formats.STATS_FORMATS[fmt](result)
    _emit(text, output, analysis.root)


@main.command("report")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the self-contained HTML report.",
)
@since_option
@site_options
@quiet_option
@no_cache_option
@handle_errors
def report_command(
    html_file: Path,
    since: str,
    signal_paths: tuple[Path, ...],
    root: Path | None,
    policies: Path | None,
    quiet: bool,
    no_cache: bool,
) -> None:
    """Write a self-contained HTML report: findings, page metrics and a picture of the clusters."""
    from .api import html_report, stats_of

    analysis = _analysis(root, policies, quiet, cache=not no_cache)
    since_day = None if since == "off" else since
    stats = stats_of(analysis, since_day, cache=not no_cache, signal_paths=signal_paths)
    html = html_report(analysis, stats)
    _write(None, html_file if html_file.is_absolute() else Path.cwd() / html_file, html.encode("utf-8"))
    if not quiet:
        click.echo(f"linkpolicy: wrote {html_file}", err=True)


@main.command("signals")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--columns",
    default=None,
    metavar="FIELD=HEADER,...",
    help="Map another CSV's headers: url (required), clicks, impressions, position, sessions, "
    "engaged_sessions, conversions, indexed, reason, last_crawl, date.",
)
@click.option("--pages", "per_page", is_flag=True, help="One row a page instead of a cluster.")
@click.option("--top", default=20, show_default=True, help="Unmatched URLs to list.")
@click.option(
    "--engine",
    type=click.Choice(["auto", "python", "duckdb"]),
    default="auto",
    show_default=True,
    help="How CSV exports are summed: DuckDB for files over 32 MiB when installed (auto), or always one.",
)
@format_option("text", "json", "csv")
@output_option()
@fail_on_option()
@site_options
@quiet_option
@handle_errors
def signals_command(
    paths: tuple[Path, ...],
    columns: str | None,
    per_page: bool,
    top: int,
    engine: str,
    fmt: str,
    output: Path | None,
    fail_on: str,
    root: Path | None,
    policies: Path | None,
    quiet: bool,
) -> None:
    """Join access logs, Search Console and analytics exports (files or folders) to the
    link graph: crawl hits, last crawl, index status, clicks and sessions per cluster
    (or page), and the signal rules' findings."""
    from .api import signals as run_signals
    from .signals.exports import parse_columns
    from .signals.render import RENDERERS

    cwd = Path.cwd()
    repo = root.resolve() if root else find_root(cwd)
    mapping = parse_columns(columns) if columns else None
    result = run_signals(
        paths, repo, policies, columns=mapping, engine=engine, top=top, cwd=cwd, progress=_progress(quiet)
    )
    _emit(RENDERERS[fmt](result, per_page), output, repo)
    threshold = Severity.parse(fail_on)
    sys.exit(EXIT_FINDINGS if any(f.severity >= threshold for f in result.findings) else EXIT_OK)


@main.command("impact")
@click.argument("revision_range", metavar="BASE..HEAD")
@click.option(
    "--signals",
    "signal_paths",
    multiple=True,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Access logs and exports with daily data (files or folders; repeatable).",
)
@click.option(
    "--window", default=28, show_default=True, type=click.IntRange(1, 366), help="Days before and after."
)
@click.option(
    "--columns",
    default=None,
    metavar="FIELD=HEADER,...",
    help="Map another CSV's headers, as for `signals` (a date column makes daily data).",
)
@format_option("text", "json", "csv")
@output_option()
@site_options
@handle_errors
def impact_command(
    revision_range: str,
    signal_paths: tuple[Path, ...],
    window: int,
    columns: str | None,
    fmt: str,
    output: Path | None,
    root: Path | None,
    policies: Path | None,
) -> None:
    """Compare the signals of pages whose inbound links changed in BASE..HEAD with similar
    pages whose links did not: a difference-in-differences table per cluster."""
    from .signals.exports import parse_columns
    from .signals.impact import impact
    from .signals.render import IMPACT_RENDERERS

    cwd = Path.cwd()
    repo = root.resolve() if root else find_root(cwd)
    mapping = parse_columns(columns) if columns else None
    result = impact(repo, revision_range, signal_paths, policies, window=window, columns=mapping, cwd=cwd)
    _emit(IMPACT_RENDERERS[fmt](result), output, repo)


@main.command()
@root_option
@click.option("--force", is_flag=True, help="Overwrite the starter files in an existing policies/.")
@click.option(
    "--config", "config", help="The generator config of the site, where the repository has several."
)
@handle_errors
def init(root: Path | None, force: bool, config: str | None) -> None:
    """Write a starter policies/ for the site in this repository."""
    from .init import write_starter

    repo = root.resolve() if root else find_root(Path.cwd())
    detected, written = write_starter(repo, force, config)
    where = f" ({detected.config})" if detected.config else ""
    click.echo(f"linkpolicy: {detected.generator} site{where}, content in {detected.content}")
    for path in written:
        click.echo(f"wrote {path.relative_to(repo).as_posix()}")
    click.echo("next: `linkpolicy check`, then teach the policy the site's conventions (README: Policies)")


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule with its default severity."""
    from .rules import RULES, options_model, summary

    if fmt == "json":
        doc = [
            {
                "id": rid,
                "severity": mod.DEFAULT.label,
                "scope": mod.SCOPE,
                "summary": summary(mod),
                "options": sorted(options_model(mod).model_fields),
            }
            for rid, mod in RULES.items()
        ]
        click.echo(json.dumps(doc, indent=2))
        return
    width = max(len(r) for r in RULES)
    for rid, mod in RULES.items():
        click.echo(f"{rid:<{width}}  {mod.DEFAULT.label:<7}  {summary(mod)}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain a rule: what it does, why it matters, an example and the fix."""
    from .rules import RULES, documentation, summary

    module = RULES.get(rule)
    if module is None:
        import difflib

        close = difflib.get_close_matches(rule, list(RULES), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else "; `linkpolicy rules` lists them"
        _fail(f"unknown rule '{rule}'{hint}")
    click.echo(f"{rule} ({module.DEFAULT.label} by default)\n")
    click.echo(summary(module) + "\n")
    click.echo(documentation(module))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the policy files (for editors)."""
    from .schema import policy_json_schema

    click.echo(json.dumps(policy_json_schema(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
