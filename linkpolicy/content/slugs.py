"""Heading ids as each generator makes them, with its rule for duplicates.

- ``github``: github-slugger (GitHub, Hugo's default ``autoIDType``, Docusaurus):
  lowercase, drop punctuation, symbols and other non-word code points, each space
  becomes ``-``; duplicates get ``-1``, ``-2``.
- ``github-ascii``: Hugo's ``github-ascii``: as ``github`` after folding accents,
  dropping what is left outside ASCII.
- ``kramdown``: Jekyll's kramdown GFM parser: keep word characters, ``-``, spaces and
  tabs; each space or tab becomes ``-``; duplicates get ``-1``.
- ``toc``: Python-Markdown's ``toc`` (MkDocs' default): NFKD, ASCII only, drop
  ``[^\\w\\s-]``, collapse runs of spaces and ``-``; duplicates get ``_1``, ``_2``.
- ``toc-unicode``: ``toc.slugify_unicode``: as ``toc`` keeping non-ASCII letters.
- ``markdig``: markdig's GitHub-style auto-identifiers (DocFX): as ``github``; a heading
  that leaves nothing gets ``section``; duplicates get ``-1``, ``-2``.
- ``pymdownx``: ``pymdownx.slugs.slugify(case=lower)``: NFC, drop ``[^\\w\\- ]``,
  lowercase, each space becomes ``-``; duplicates as ``toc``.
- ``blackfriday``: Hugo's ``autoIDType: blackfriday`` (Blackfriday's
  ``SanitizedAnchorName``): letters and numbers, lowercased, each run of anything else
  between them one ``-`` (``--fast-list``: ``fast-list``); duplicates get ``-1``, ``-2``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_DROP_CATEGORIES = {
    "No",
    "Ps",
    "Pe",
    "Pi",
    "Pf",
    "Po",
    "Pd",
    "Sm",
    "Sc",
    "Sk",
    "So",
    "Cc",
    "Co",
    "Cf",
    "Cn",
    "Cs",
    "Zs",
    "Zl",
    "Zp",
}


def _github_char(ch: str) -> str:
    if ch in " -_":
        return "-" if ch == " " else ch
    return "" if unicodedata.category(ch) in _DROP_CATEGORIES else ch


#: What github_slug makes of each ASCII character (a heading is most often all ASCII:
#: one translate instead of a category lookup a character)
_GITHUB_ASCII = str.maketrans({chr(i): _github_char(chr(i)) for i in range(128)})


def github_slug(text: str) -> str:
    if text.isascii():
        return text.lower().translate(_GITHUB_ASCII)
    return "".join(map(_github_char, text.lower()))


def github_ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return github_slug(folded)


_KRAMDOWN_DROP = re.compile(r"[^\w\- \t]")


def kramdown_slug(text: str) -> str:
    return re.sub(r"[ \t]", "-", _KRAMDOWN_DROP.sub("", text.lower()))


def toc_slug(text: str, separator: str = "-", keep_unicode: bool = False) -> str:
    if not keep_unicode:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)


def pymdownx_slug(text: str, separator: str = "-") -> str:
    text = unicodedata.normalize("NFC", text.strip())
    text = re.sub(r"[^\w\- ]", "", text).lower()
    return text.replace(" ", separator)


#: a run of letters and numbers (Go's unicode.IsLetter or IsNumber)
_ALNUM_RUN = re.compile(r"[^\W_]+")


def blackfriday_slug(text: str) -> str:
    return "-".join(run.lower() for run in _ALNUM_RUN.findall(text))


SLUGIFIERS: dict[str, Callable[[str], str]] = {
    "github": github_slug,
    "github-ascii": github_ascii_slug,
    "kramdown": kramdown_slug,
    "toc": toc_slug,
    "toc-unicode": lambda t: toc_slug(t, keep_unicode=True),
    "pymdownx": pymdownx_slug,
    "markdig": lambda t: github_slug(t) or "section",
    "blackfriday": blackfriday_slug,
}

#: Which duplicate rule each slugifier's generator uses.
_UNDERSCORE_DUPLICATES = {"toc", "toc-unicode", "pymdownx"}


class Slugger:
    """Makes unique ids for the headings of one page, in document order."""

    def __init__(self, style: str = "github") -> None:
        self._slugify = SLUGIFIERS[style]
        self._underscore = style in _UNDERSCORE_DUPLICATES
        self.seen: set[str] = set()
        # where each base's duplicate search stopped, so N equal headings cost O(N)
        self._last: dict[str, str | int] = {}

    def reserve(self, ident: str) -> None:
        """Record an explicit id so later generated ids do not take it."""
        self.seen.add(ident)

    def slug(self, text: str) -> str:
        base = self._slugify(text)
        if self._underscore:
            ident = str(self._last.get(base, base))
            while ident in self.seen or not ident:
                m = re.match(r"^(.*)_([0-9]+)$", ident)
                ident = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{ident}_1"
            self._last[base] = ident
        else:
            n = int(self._last.get(base, 0))
            ident = f"{base}-{n}" if n else base
            while ident in self.seen:
                n += 1
                ident = f"{base}-{n}"
            self._last[base] = n
        self.seen.add(ident)
        return ident
