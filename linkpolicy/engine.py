"""Runs the rules over a site: severities, options, ignores, inline disables, sorting."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .errors import about_page
from .findings import Finding, Severity, enabled_in_scope
from .policy import LoadedPolicy
from .rules import RULES, RuleContext, options_model
from .rules._base import ignored_by
from .site.model import Site

if TYPE_CHECKING:
    from .analysis import Analysis


@dataclass
class ActiveRule:
    module: ModuleType
    severity: Severity
    options: Any


def configure_rules(policy: LoadedPolicy) -> list[ActiveRule]:
    """Each rule with its effective severity and validated options.

    Raises PolicyError (at the offending key) for unknown rules and bad options.
    """
    settings = policy.policy.rules.settings
    for rule_id in settings:
        if rule_id not in RULES:
            close = difflib.get_close_matches(rule_id, list(RULES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else "; `linkpolicy rules` lists them"
            raise policy.error(("rules", rule_id), f"unknown rule '{rule_id}'{hint}")
    for i, entry in enumerate(policy.policy.rules.ignore):
        if entry.rule != "*" and entry.rule not in RULES:
            raise policy.error(("rules", "ignore", i, "rule"), f"unknown rule '{entry.rule}'")
    active = []
    for rule_id, module in RULES.items():
        severity = module.DEFAULT
        if rule_id == "domain-unlisted":
            severity = Severity.parse(policy.policy.domains.outbound.unlisted)
        setting = settings.get(rule_id)
        raw_options: dict[str, Any] = {}
        if setting is not None:
            if setting.severity is not None:
                severity = Severity.parse(setting.severity)
            raw_options = dict(setting.options)
        model = options_model(module)
        try:
            options = model.model_validate(raw_options)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ("rules", rule_id, *err["loc"])
            if err["type"] == "extra_forbidden":
                known = list(model.model_fields)
                msg = f"rule '{rule_id}' has no option '{err['loc'][-1]}'" + (
                    f"; its options are {', '.join(known)}" if known else "; it takes no options"
                )
            else:
                msg = f"{'.'.join(map(str, err['loc']))}: {err['msg'][:1].lower()}{err['msg'][1:]}"
            raise policy.error(loc, msg) from None
        active.append(ActiveRule(module, severity, options))
    return active


def run_rules(
    analysis: Analysis,
    rules: list[ActiveRule],
    link_pages: Collection[str] | None = None,
    link_findings: Iterable[Finding] = (),
) -> list[Finding]:
    """Every rule's findings. With ``link_pages`` the link rules check those pages' links
    only, and ``link_findings`` stand for theirs on every other page (a run after an edit
    that changed those pages' own links, the others' as recorded)."""
    site = analysis.site
    ctx = RuleContext(
        site=site,
        policy=analysis.policy.policy,
        graph=analysis.graph,
        clusters=analysis.clusters,
        analysis=analysis,
        signals=getattr(analysis, "signals", None),
    )
    findings: list[Finding] = []
    readable = [p for p in site.pages if p.readable]
    published = [p for p in readable if p.published]
    linked = readable if link_pages is None else [p for p in readable if p.path in link_pages]
    link_rules = [r for r in rules if r.module.SCOPE == "link"]
    page_rules = [r for r in rules if r.module.SCOPE == "page" and r.severity is not Severity.OFF]
    of_links, of_pages = _page_by_page(_PerPage(ctx, link_rules, page_rules), linked, published)
    findings.extend(of_links)
    findings.extend(link_findings)
    for rule in rules:
        if rule.severity is Severity.OFF:
            continue
        ctx.rule, ctx.severity = rule.module.ID, rule.severity
        scope = rule.module.SCOPE
        if scope == "page":
            findings.extend(of_pages[rule.module.ID])
        elif scope == "site":
            findings.extend(rule.module.check(ctx, rule.options))
    for rule in rules:
        if rule.module.SCOPE == "policy" and rule.severity is not Severity.OFF:
            # rules about the policy itself see every other rule's findings
            ctx.rule, ctx.severity = rule.module.ID, rule.severity
            findings.extend(rule.module.check(ctx, list(findings), rule.options))
        # scope "diff": rules that compare two revisions run in `linkpolicy diff` only
    return findings


#: Links of a run beyond which the link and page rules check the second half of the pages
#: in a forked process while this one checks the first (forking costs some milliseconds).
SPLIT_FROM_LINKS = 20_000


@dataclass
class _PerPage:
    """The link and page rules of a run, to check over some of its pages."""

    ctx: RuleContext
    link_rules: list[ActiveRule]
    page_rules: list[ActiveRule]

    def checked(
        self, linked: list[Any], published: list[Any]
    ) -> tuple[list[Finding], dict[str, list[Finding]]]:
        """The findings of the link rules on ``linked`` and of each page rule on ``published``."""
        of_links: list[Finding] = []
        _run_link_rules(self.ctx, self.link_rules, linked, of_links)
        of_pages: dict[str, list[Finding]] = {}
        for rule in self.page_rules:
            self.ctx.rule, self.ctx.severity = rule.module.ID, rule.severity
            found = of_pages[rule.module.ID] = []
            for page in published:
                with about_page(page.path, "checking"):
                    found.extend(rule.module.check(self.ctx, page, rule.options))
        return of_links, of_pages


def _page_by_page(
    rules: _PerPage, linked: list[Any], published: list[Any]
) -> tuple[list[Finding], dict[str, list[Finding]]]:
    """The findings of the link rules (page by page) and of each page rule (by its id),
    in the order one process would make them. On a big site the second half of the pages
    is checked in a forked process (see :func:`.content.parallel.in_background`: it gets
    the analysis by the fork, sends back findings only, and where it cannot run its half
    is checked here), so the rules' per-page work takes both cores."""
    from .content.parallel import MIN_PAGES, in_background, workers

    if sum(len(page.links) for page in linked) < SPLIT_FROM_LINKS or workers(MIN_PAGES) < 2:
        return rules.checked(linked, published)
    half_linked, half_published = len(linked) // 2, len(published) // 2
    later = in_background(lambda: rules.checked(linked[half_linked:], published[half_published:]))
    first_links, first_pages = rules.checked(linked[:half_linked], published[:half_published])
    then_links, then_pages = later()
    return first_links + then_links, {rule: first_pages[rule] + then_pages[rule] for rule in first_pages}


def _run_link_rules(
    ctx: RuleContext, rules: list[ActiveRule], pages: list[Any], findings: list[Finding]
) -> None:
    """Every link rule on every link, page by page; a rule that declares ``KINDS`` sees
    only links of those kinds (most links are no concern of most rules). A rule's
    ``check`` returns the link's findings (a sequence: a generator would cost each of a
    big site's millions of calls an object)."""
    active = [
        (r.module.ID, r.severity, r.module.check, r.options, getattr(r.module, "KINDS", None))
        for r in rules
        if r.severity is not Severity.OFF
    ]
    if not active:
        return
    for page in pages:
        links = page.links
        if not links:
            continue
        if links[-1].is_listed:  # (they come last) written by a template: no author's choice
            links = [x for x in links if not x.is_listed]
        of_kinds: dict[Any, list[Any]] = {}  # the page's links of each set of kinds, in page order
        with about_page(page.path, "checking"):
            for rule_id, severity, check, options, kinds in active:
                ctx.rule, ctx.severity = rule_id, severity
                if kinds is None:
                    chosen = links
                elif (chosen := of_kinds.get(kinds)) is None:
                    chosen = of_kinds[kinds] = [x for x in links if x.kind in kinds]
                for link in chosen:
                    found = check(ctx, link, options)
                    if found:  # most links break no rule: no call to extend for them
                        findings.extend(found)


def filter_findings(
    findings: Iterable[Finding], site: Site, policy: LoadedPolicy, only_paths: set[str] | None
) -> list[Finding]:
    """Drop ignored, inline-disabled and (with PATHS) out-of-scope findings; sort."""
    disables = {path: page.parsed for path, page in site.by_path.items() if page.parsed is not None}
    return enabled_in_scope(policy_kept(findings, site, policy), disables, only_paths)


def policy_kept(findings: Iterable[Finding], site: Site, policy: LoadedPolicy) -> list[Finding]:
    """``findings`` minus those an entry of the policy's `rules.ignore` drops."""
    ignores = policy.policy.rules.ignore
    if not ignores:
        return list(findings)
    out = []
    for f in findings:
        page = site.by_path.get(f.path)
        rel = page.rel if page is not None else f.path
        if not any(ignored_by(entry, f, rel) for entry in ignores):
            out.append(f)
    return out
