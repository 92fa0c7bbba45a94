"""Policy sections as pydantic models (extra keys forbidden, so typos never pass)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..patterns import SafePattern, compile_pattern

SeverityName = Literal["off", "info", "warning", "error"]


def _compile(value: Any) -> SafePattern:
    if isinstance(value, SafePattern):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a regular expression (a string)")
    import regex  # (what compile_pattern compiles with)

    try:
        return compile_pattern(value)
    except regex.error as exc:
        raise ValueError(f"invalid regex {value!r}: {exc}") from None


Regex = Annotated[
    SafePattern,
    BeforeValidator(_compile),
    PlainSerializer(lambda p: p.source, return_type=str),
    WithJsonSchema({"type": "string", "format": "regex"}),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, defer_build=True)


@functools.lru_cache(maxsize=1024)
def _phrase_matcher(entry: str) -> tuple[str, SafePattern | None]:
    if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
        import regex  # (what compile_pattern compiles with)

        try:
            return entry, compile_pattern(entry[1:-1], ignore_case=True)
        except regex.error as exc:
            raise ValueError(f"invalid regex {entry!r}: {exc}") from None
    return entry, None


def _phrases_match(entries: list[str], text: str) -> str | None:
    lowered = text.lower()
    for entry in entries:
        _, rx = _phrase_matcher(entry)
        if rx is not None:
            if rx.search(text):
                return entry
        elif entry.lower() in lowered:
            return entry
    return None


def _check_phrases(entries: list[str]) -> list[str]:
    for entry in entries:
        _phrase_matcher(entry)
    return entries


# a label's character: a-z, 0-9 or any character from U+00A1 to U+FFFF (written as what it is
# not: a class of the ranges themselves takes the regex compiler 14 ms, on every start)
_LABEL_CHAR = r"(?:[a-z0-9]|[^\x00-\xa0\U00010000-\U0010ffff])"
_INNER_CHAR = r"(?:[a-z0-9-]|[^\x00-\xa0\U00010000-\U0010ffff])"
_LABEL = rf"{_LABEL_CHAR}({_INNER_CHAR}*{_LABEL_CHAR})?"
_DOMAIN = re.compile(rf"^(\*\.)?{_LABEL}(\.{_LABEL})*\.?$")


def _domains(values: list[str]) -> list[str]:
    out = []
    for v in values:
        v = v.strip().lower()
        if "://" in v or "/" in v or not _DOMAIN.match(v):
            raise ValueError(f"{v!r} is not a domain pattern (write 'example.com' or '*.example.com')")
        out.append(v.rstrip("."))
    return out


Domains_ = Annotated[list[str], BeforeValidator(lambda v: v), Field(default_factory=list)]


class Rewrite(_Model):
    """A site convention: a link destination pattern and the URLs it really means."""

    match: Regex = Field(description="regex on the link destination")
    to: str | list[str] = Field(
        description="candidate destinations, first that resolves wins; {text} anchor text, {slug} its "
        "slug, {slug_singular}, {1}.. regex groups"
    )

    @property
    def candidates(self) -> list[str]:
        return [self.to] if isinstance(self.to, str) else list(self.to)


class AnchorPattern(_Model):
    """A regex that finds ids in page text, with a template for the id."""

    match: Regex = Field(description="regex over the page's raw text")
    id: str = Field(description="id template: {1}.. groups, {name} named groups")


class IncludePattern(_Model):
    """A shortcode or macro that pulls another content file into the page at build time."""

    match: Regex = Field(description="regex over the page's raw text, e.g. the include shortcode")
    path: str = Field(description="the included file, relative to the content root: {1}.. groups")


class ContentRoot(_Model):
    """A content root with the URL prefix its pages are served under."""

    path: str = Field(description="the folder, relative to the repository root")
    url: str = Field("", description="URL prefix of its pages, e.g. /docs/next/")


def _anchor_entry(value: Any) -> Any:
    if isinstance(value, str):
        rx = _compile(value)
        if "id" not in rx.groupindex:
            raise ValueError(f"anchor pattern {value!r} needs a named group (?P<id>...)")
    return value


class NavigationEntry(_Model):
    """Links a custom theme's templates make: every page matching ``pages`` links
    ``links`` — its section's list (``children``), the other pages of its section
    (``siblings``), its section pages up to the home page (``ancestors``), or every page
    matching a content glob."""

    pages: str | list[str] = Field(description="content globs of the pages whose template makes the links")
    links: str = Field(description="children | siblings | ancestors | a content glob")

    @property
    def page_globs(self) -> list[str]:
        return [self.pages] if isinstance(self.pages, str) else list(self.pages)


class Site(_Model):
    """Where the content is, how the generator maps it to URLs, and the site's link conventions."""

    base_url: str = Field(description="absolute links to this host (and `hosts`) are internal")
    hosts: list[str] = Field(default_factory=list, description="more hosts that count as internal")
    content: str | list[str | ContentRoot] = Field(
        "content/", description="content root(s), relative to the repository root, or {path, url}"
    )
    config: str | list[str] | None = Field(
        None, description="the generator's config file(s); default: found beside the content"
    )
    generator: Literal["hugo", "mkdocs", "docusaurus", "jekyll", "docfx", "plain"] = Field(
        "plain", description="how paths map to URLs and headings to ids"
    )
    home: str = Field("/", description="URL or content path of the home page")
    trailing_slash: bool | None = Field(None, description="URLs end with / (default: the generator's)")
    static: list[str] = Field(default_factory=list, description="roots of non-page files links may target")
    exclude: list[str] = Field(default_factory=list, description="content globs that are not pages")
    snapshot: str = Field("site-graph/", description="where the link-graph snapshot lives")
    rewrite: list[Rewrite] = Field(default_factory=list, description="the site's own link conventions")
    anchors: list[Annotated[str, BeforeValidator(_anchor_entry)] | AnchorPattern] = Field(
        default_factory=list, description="extra ways pages define #fragment ids"
    )
    append: list[str] = Field(default_factory=list, description="files appended to every page")
    include: list[IncludePattern] = Field(
        default_factory=list,
        description="shortcodes that include another content file; its ids count as the page's",
    )
    ignore_links: list[Regex] = Field(
        default_factory=list, description="destinations served by something else"
    )
    navigation: list[Annotated[str, Field(pattern=r"^[a-z][a-z-]*$")] | NavigationEntry] | None = Field(
        None,
        description="links templates make, modelled from the sources: the generator's named sources "
        "(`defaults` for its defaults) and {pages, links} entries; default: the generator's defaults",
    )
    rendered: str | None = Field(
        None, description="the built site (Hugo public/, MkDocs site/, ...): its HTML links are the graph"
    )
    rendered_content: str | None = Field(
        None, description="CSS selector of the content region of built pages (default: the generator's)"
    )

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not re.match(r"^https?://[^/\s]+", v):
            raise ValueError(f"base_url must be an absolute http(s) URL, got {v!r}")
        return v.rstrip("/")

    @property
    def content_roots(self) -> list[str]:
        entries = [self.content] if isinstance(self.content, str) else self.content
        return [e if isinstance(e, str) else e.path for e in entries]

    @property
    def content_prefixes(self) -> dict[str, str]:
        """Content root -> URL prefix, for the roots the policy gives one."""
        entries = [] if isinstance(self.content, str) else self.content
        return {e.path: e.url for e in entries if isinstance(e, ContentRoot)}

    @property
    def config_files(self) -> list[str]:
        return [] if self.config is None else [self.config] if isinstance(self.config, str) else self.config


_DURATION = re.compile(r"^(\d+)([dwmy])$")
_DURATION_SCHEMA = r"^\d+[dwmy]$"


def _check_duration(v: str | None) -> str | None:
    if v is not None and not _DURATION.match(v):
        raise ValueError(f"{v!r} is not a duration like 90d, 12w, 6m or 1y")
    return v


def duration_days(value: str | None) -> int | None:
    """Days in a duration like ``90d``, ``12w``, ``6m`` (30 days) or ``1y`` (365 days)."""
    if value is None:
        return None
    m = _DURATION.match(value)
    if m is None:
        raise ValueError(f"{value!r} is not a duration like 90d, 12w, 6m or 1y")
    return int(m.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]


class _Reviewed(_Model):
    """A policy part with ``review_every`` (rule policy-review-due): checked, and in days."""

    review_every: str | None = None

    @field_validator("review_every")
    @classmethod
    def _duration(cls, v: str | None) -> str | None:
        return _check_duration(v)

    @property
    def review_days(self) -> int | None:
        return duration_days(self.review_every)


class Cluster(_Reviewed):
    """Pages on one topic and the hub page that anchors its authority."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="stable cluster id (kebab-case)")
    hub: str = Field(description="URL or content path of the hub page")
    members: list[str] = Field(default_factory=list, description="content-path globs of member pages")
    owners: list[str] = Field(default_factory=list, description="reviewers (CODEOWNERS syntax)")
    max_depth_from_hub: int | None = Field(None, ge=0, description="deepest allowed click depth from the hub")
    hub_links_to_members: float = Field(1.0, ge=0, le=1, description="share of members the hub must link to")
    review_every: str | None = Field(
        None,
        description="review interval, e.g. 90d, 12w, 6m, 1y (rule policy-review-due)",
        json_schema_extra={"pattern": _DURATION_SCHEMA},
    )


class AnchorTarget(_Model):
    page: str = Field(description="URL or content path of the target page")
    forbidden: Annotated[list[str], BeforeValidator(lambda v: v)] = Field(
        default_factory=list, description="case-insensitive substrings, or /regex/"
    )

    @field_validator("forbidden")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        return _check_phrases(v)

    def matches(self, text: str) -> str | None:
        return _phrases_match(self.forbidden, text)


class Anchors(_Model):
    """Anchor-text rules."""

    generic: list[str] = Field(
        default_factory=lambda: ["click here", "here", "read more", "more", "this page", "link"],
        description="anchors that say nothing about the target",
    )
    min_length: int = Field(2, ge=0)
    max_length: int = Field(100, ge=1)
    max_exact_match_share: float = Field(0.6, ge=0, le=1)
    min_inbound_for_share: int = Field(5, ge=1)
    targets: list[AnchorTarget] = Field(default_factory=list)

    @model_validator(mode="after")
    def _limits(self) -> Anchors:
        if self.min_length > self.max_length:
            raise ValueError("min_length is greater than max_length")
        return self


class Outbound(_Model):
    allow: list[str] = Field(default_factory=list, description="domains that may be linked")
    deny: list[str] = Field(default_factory=list, description="domains that must not be linked")
    unlisted: SeverityName = Field("warning", description="severity for domains on neither list")
    require_rel: dict[Literal["sponsored", "ugc", "nofollow", "noopener", "noreferrer"], list[str]] = Field(
        default_factory=dict, description="rel value -> domains whose links need it"
    )
    require_approval: list[str] = Field(
        default_factory=list, description="domains whose links need a matching entry in `approvals`"
    )

    @field_validator("allow", "deny", "require_approval")
    @classmethod
    def _doms(cls, v: list[str]) -> list[str]:
        return _domains(v)

    @field_validator("require_rel")
    @classmethod
    def _rel_doms(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        return {k: _domains(d) for k, d in v.items()}


class Backlinks(_Model):
    allow: list[str] = Field(default_factory=list)
    deny: list[str] = Field(default_factory=list)
    anchor_spam: list[str] = Field(default_factory=list, description="substrings or /regex/")
    unlisted: Literal["review", "disavow"] = "review"

    @field_validator("allow", "deny")
    @classmethod
    def _doms(cls, v: list[str]) -> list[str]:
        return _domains(v)

    @field_validator("anchor_spam")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        return _check_phrases(v)

    def spam(self, text: str) -> str | None:
        return _phrases_match(self.anchor_spam, text)


class DomainsSection(_Model):
    outbound: Outbound = Field(default_factory=Outbound)
    backlinks: Backlinks = Field(default_factory=Backlinks)


class Block(_Model):
    """A managed link block that `generate` writes into pages."""

    name: str = Field(pattern=r"^[\w.-]+$")
    template: str = Field(description="Jinja template, relative to the policy directory")
    pages: list[str] = Field(
        default_factory=lambda: ["**"], description="content globs where the block belongs"
    )
    select: Literal["cluster", "tags", "entities", "hub"] = "cluster"
    limit: int = Field(5, ge=1)
    insert: Literal["end", "after-title", "none"] = "end"


class Entity(_Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    page: str


class Guardrails(_Model):
    max_links_removed: int | None = Field(None, ge=0)
    max_cluster_links_removed: float | None = Field(None, ge=0, le=1)
    max_hub_pagerank_drop: float | None = Field(None, ge=0, le=1)
    allow_new_orphans: bool = True


class Approval(_Model):
    """A recorded approval for links to a `require_approval` domain."""

    target: str | None = Field(None, description="the approved link destination, an absolute URL")
    domain: str | None = Field(None, description="the approved domain ('example.com' or '*.example.com')")
    pages: list[str] = Field(
        default_factory=lambda: ["**"], description="content globs of the pages that may link"
    )
    approver: str = Field(description="who approved (a person or team to ask)")
    date: dt.date = Field(description="when it was approved")
    reason: str = Field(description="why the link is fine")
    expires: dt.date | None = Field(None, description="last day the approval holds")

    @field_validator("target")
    @classmethod
    def _target(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://[^/\s?#]+", v.strip(), re.IGNORECASE):
            raise ValueError(f"target must be an absolute http(s) URL, got {v!r}")
        return v.strip() if v is not None else v

    @field_validator("domain")
    @classmethod
    def _domain(cls, v: str | None) -> str | None:
        return _domains([v])[0] if v is not None else v

    @model_validator(mode="after")
    def _one(self) -> Approval:
        if (self.target is None) == (self.domain is None):
            raise ValueError("give exactly one of 'target' and 'domain'")
        if self.expires is not None and self.expires < self.date:
            raise ValueError(f"expires ({self.expires}) is before the approval's date ({self.date})")
        return self

    @property
    def subject(self) -> str:
        """What is approved: the target URL or the domain."""
        return self.target or self.domain or ""


class RuleSetting(_Model):
    severity: SeverityName | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class RuleIgnore(_Model):
    rule: str = Field(description="rule id, or * for every rule")
    paths: list[str] = Field(
        default_factory=list, description="path globs, repository-relative (content-root relative accepted)"
    )
    targets: list[str] = Field(default_factory=list, description="target URLs or globs")

    @model_validator(mode="after")
    def _some(self) -> RuleIgnore:
        if not self.paths and not self.targets:
            raise ValueError("an ignore entry needs 'paths' or 'targets'")
        return self


class RulesSection(_Model):
    settings: dict[str, RuleSetting] = Field(default_factory=dict)
    ignore: list[RuleIgnore] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _reshape(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "settings" in data:
            return data
        settings: dict[str, Any] = {}
        for key, value in data.items():
            if key == "ignore":
                continue
            if isinstance(value, str) or value is None or isinstance(value, bool):
                settings[key] = {"severity": "off" if value is False else value}
            elif isinstance(value, dict):
                opts = {k: v for k, v in value.items() if k != "severity"}
                settings[key] = {"severity": value.get("severity"), "options": opts}
            else:
                settings[key] = value
        return {"settings": settings, "ignore": data.get("ignore", [])}


class Policy(_Reviewed):
    site: Site
    clusters: list[Cluster] = Field(default_factory=list)
    anchors: Anchors = Field(default_factory=Anchors)
    domains: DomainsSection = Field(default_factory=DomainsSection)
    blocks: list[Block] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    guardrails: Guardrails = Field(default_factory=Guardrails)
    approvals: list[Approval] = Field(default_factory=list)
    rules: RulesSection = Field(default_factory=RulesSection)
    review_every: str | None = Field(
        None,
        description="how often the policy files must be reviewed (touched in git), e.g. 180d",
        json_schema_extra={"pattern": _DURATION_SCHEMA},
    )

    @property
    def has_reviews(self) -> bool:
        """Whether the policy files or a cluster set ``review_every`` (rule
        policy-review-due then reads git history)."""
        return self.review_every is not None or any(c.review_every for c in self.clusters)
