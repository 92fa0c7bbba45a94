"""Search-engine and AI crawlers, recognised by user agent.

Only the user agent is read: no reverse DNS lookup confirms that a "Googlebot" request
came from Google, so a spoofed agent counts as the crawler it claims to be. Tokens are
the product names each operator documents in its agent strings (matched ignoring case).
"""

from __future__ import annotations

#: crawler -> user-agent tokens (lowercase), most specific operators first
CRAWLERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Googlebot",
        (
            "googlebot",
            "google-inspectiontool",
            "storebot-google",
            "googleother",
            "adsbot-google",
            "mediapartners-google",
            "apis-google",
            "feedfetcher-google",
        ),
    ),
    ("Bingbot", ("bingbot", "bingpreview", "adidxbot", "msnbot")),
    ("YandexBot", ("yandexbot", "yandeximages", "yandexmobilebot")),
    ("Baiduspider", ("baiduspider",)),
    ("DuckDuckBot", ("duckduckbot",)),
    ("Applebot", ("applebot",)),
    ("Yahoo! Slurp", ("yahoo! slurp",)),
    ("SeznamBot", ("seznambot",)),
    ("PetalBot", ("petalbot",)),
    ("Yeti", ("yeti/",)),
    ("Sogou", ("sogou web spider",)),
    ("GPTBot", ("gptbot", "oai-searchbot", "chatgpt-user")),
    ("ClaudeBot", ("claudebot", "claude-searchbot", "claude-user")),
    ("PerplexityBot", ("perplexitybot", "perplexity-user")),
    ("CCBot", ("ccbot",)),
)

NAMES = tuple(name for name, _ in CRAWLERS)


def classify(agent: str) -> str | None:
    """The crawler a user agent names, or None for anything else (browsers, tools)."""
    lower = agent.lower()
    for name, tokens in CRAWLERS:
        if any(token in lower for token in tokens):
            return name
    return None


class AgentCache:
    """``classify`` with a bounded memo: logs repeat a few thousand agents millions of times."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self.memo: dict[bytes, str | None] = {}

    def __call__(self, agent: bytes) -> str | None:
        try:
            return self.memo[agent]
        except KeyError:
            if len(self.memo) >= self.size:
                self.memo.clear()
            name = self.memo[agent] = classify(agent.decode("latin-1"))
            return name
