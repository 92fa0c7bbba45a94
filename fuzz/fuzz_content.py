"""Fuzz target: the content front end (front matter and Markdown) on any bytes.

Bytes are decoded as the checker decodes a page (``io.decode_text``); data it refuses
stops there. ``read_page`` (the reader without its safety net) must return, never
raise, never hang, and report positions inside the page. Run with ``fuzz/run.sh``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from linkpolicy.content.markdown import read_page
    from linkpolicy.content.slugs import SLUGIFIERS
    from linkpolicy.io import UnreadableFile, decode_text

STYLES = sorted(SLUGIFIERS)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    style = STYLES[fdp.ConsumeIntInRange(0, len(STYLES) - 1)]
    linkify, mdx, term_ids = fdp.ConsumeBool(), fdp.ConsumeBool(), fdp.ConsumeBool()
    try:
        text = decode_text(fdp.ConsumeBytes(fdp.remaining_bytes()))
    except UnreadableFile:
        return
    page = read_page(text, slug_style=style, linkify=linkify, mdx=mdx, term_ids=term_ids)
    lines = text.count("\n") + 1
    for link in page.links:
        if not (1 <= link.line <= lines and link.column >= 1):
            raise AssertionError(f"link {link.dest!r} at {link.line}:{link.column} of {lines} lines")
    for heading in page.headings:
        if not 1 <= heading.line <= lines:
            raise AssertionError(f"heading {heading.text!r} on line {heading.line} of {lines}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
