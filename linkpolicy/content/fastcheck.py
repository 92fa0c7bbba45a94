"""What markdown-it-pyrs and markdown-it-py may read differently, found in a page's text:
before parsing (:func:`may_differ`), or with what parsing found (code blocks, fences).

Each check sends a page to the reference (see :mod:`.fastparse`) where the two parsers
were seen, or may be expected, to differ; each looks at the text in one pass (the line
patterns from each line's start: see :func:`_at_line_start`), and most first test for a
character the construct must hold. tests/content/test_fast_parser.py holds the fast side
to the reference on every page these let through.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable, Iterator

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

#: More emphasis and bracket characters than this go to the reference: the Rust side
#: recurses once per nesting level and a deep enough page overflows its stack.
MAX_DELIMITERS = 8000


def _at_line_start(pattern: str) -> re.Pattern[str]:
    """``pattern``, written from a line's start (``^...``), to be searched in the text with a
    newline put before it (``"\\n" + body``): a match then starts at the newline before its
    line. sre finds a pattern's leading literal character by a fast scan, and tries a
    ``^`` pattern at every character (3 against 26 us on a 5 kB page)."""
    if not pattern.startswith("^"):
        raise ValueError(f"not a pattern from a line's start: {pattern!r}")
    return re.compile("\\n" + pattern[1:], re.MULTILINE)


# where a destination may start: after `](` or `]:` (and blanks, maybe `<`), or an autolink's
# `<` (not after any parenthesis: prose says "(data: 5 GB)")
_DESTINATION_START = r"(?:\]\(|\]:|<)\s*<?"

_BAD_PROTOCOL = re.compile(_DESTINATION_START + "(?:vbscript|javascript|file|data):", re.IGNORECASE)
_REFUSED_NAMES = ("script:", "file:", "data:")
# the letters that match one of those names' letters case-insensitively but do not lower to it
_FOLDED_TO_ASCII = ("\u0130", "\u0131", "\u017f")

# the images markdown-it allows as data (a meeting's notes embed megabytes of base64 PNG that
# way): both sides keep them when written as such
_GOOD_DATA = re.compile(_DESTINATION_START + "data:image/(?:gif|png|jpeg|webp);", re.IGNORECASE)

# the markers before a line's text: a quote's, and list markers, each followed by a blank
# ("101:" is none)
_CONTAINERS = r"(?:[ \t>]|[-+*][ \t]|[0-9]{1,9}[.)][ \t])*"

# a line that may start a link reference definition ("[a]:" after container markers)
_DEFINITION_START = re.compile(rf"\n{_CONTAINERS}\[[^\n]*\]:")

# a line's container markers and the blanks between them
CONTAINER_MARKS = re.compile(_CONTAINERS)

# a definition's line: ``:`` or ``~`` and a blank (both plugins read either marker)
_DEFINITION = _at_line_start(rf"^{_CONTAINERS}[:~](?:[ \t]|$)")

# a row of dashes, pipes, colons, blanks and quote markers, with a dash
_DASH_ROW = _at_line_start(r"^[ \t>|:]*-[ \t>|:-]*$")

# a row that starts with a dash and a tab: a list item to the reference (it refuses a dash
# and a blank as a delimiter row's start), a delimiter row to the Rust side
_DASH_TAB = _at_line_start(r"^[ \t>]*-\t")

# what may be a link reference definition's title, at the start of the line below it
_TITLE_START = re.compile(r"[ \t>]*[\"'(]")

# what may open a definition's title on its line, right after "]:": a destination, then a
# quote or parenthesis after a blank or the destination's ">" (one inside the destination,
# as in /x/ms714429(v=vs.85), opens none; nor one after other words, as in a line of notes
# "[name]: we agreed (again)", which no parser reads as a definition)
_TITLE_OPENER = re.compile(r"[ \t]*(?:<[^>\n]*>[ \t]*|[^\s<]\S*[ \t]+)[\"'(]")


def _flanking(body: str, start: int, end: int, before: str | None = None) -> tuple[bool, bool]:
    """Whether the run of marks at ``start:end`` is left- and right-flanking (markdown-it's
    rules: a line's start or end counts as a blank), ``before`` the character before it
    where not the body's."""
    if before is None:
        before = body[start - 1] if start else " "
    after = body[end] if end < len(body) else " "
    before_blank, before_punct = _blank(before), _punct(before)
    after_blank, after_punct = _blank(after), _punct(after)
    left = not (after_blank or (after_punct and not (before_blank or before_punct)))
    right = not (before_blank or (before_punct and not (after_blank or after_punct)))
    return left, right


def opens_only(body: str, at: int) -> bool:
    """Whether the two tildes at ``at`` are left-flanking and not right-flanking."""
    left, right = _flanking(body, at, at + 2)
    return left and not right


def closes(body: str, at: int) -> bool:
    """Whether the two tildes at ``at`` are right-flanking (may close)."""
    return _flanking(body, at, at + 2)[1]


def _blank(ch: str) -> bool:
    return isWhiteSpace(ord(ch))


def _punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


def may_differ(body: str) -> bool:
    """Constructs the two parsers read differently, found before parsing."""
    # a single character is looked for at memory speed, a pair of them at a fraction of it
    if len(body) > MAX_DELIMITERS and sum(map(body.count, "*_~[")) > MAX_DELIMITERS:
        return True
    lined = "\n" + body  # what the line patterns search (see _at_line_start)
    return bool(
        _NESTED_DEFINITION.search(lined)
        or ("-" in body and _dash_row_differs(lined))
        or ("]:" in body and _definition_line_differs(body))
        or (
            "]:" in body
            and (not body.isascii() or "\x0b" in body or "\x0c" in body)
            and _BLANK_AFTER_LABEL.search(body) is not None
        )
        or (">" in body and _list_below_quote(lined))
        or _refused_protocol(body)
        or ("<!--" in body and _comment_differs(body))
        or any(blank in body for blank in _ODD_BLANKS)
        or any(hint in body and pattern.search(lined) is not None for hint, pattern in _SEEN_DIFFERING)
    )


# blanks to Python (``str.isspace``, ``str.strip``: the reference's block rules) that are no
# whitespace to markdown-it's rules, or whitespace to the Rust side's: the separator controls
# and NEL (the line and paragraph separators, which Google Docs exports hold, are looked for
# in the runs with emphasis marks: see fastparse)
_ODD_BLANKS = ("\x1c", "\x1d", "\x1e", "\x1f", "\x85")  # five finds: a class search is ten times slower

# an ATX heading's line, at the top level (three spaces at most before it)
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")

# a blank Python strips but markdown-it's rules do not take for one (a no-break space, a line
# separator) after what may end a definition's label, on its line or the two below (where
# its destination and title may be): the reference may end the destination or title there
_BLANK_AFTER_LABEL = re.compile(
    "\\]:[^\n]*(?:\n[^\n]*){0,2}[\x0b\x0c\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)

# a blank other than a space, a tab or a line break
UNICODE_BLANK = re.compile(r"[^\S \t\n]")

# an HTML comment by the reference's rule (CommonMark 0.31: ``<!-->``, ``<!--->``, or anything
# up to the first ``-->``) and by the Rust side's (0.30: no ``--`` inside, no ``>`` or ``->``
# first, no ``-`` last)
_COMMENT_REFERENCE = re.compile(r"<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->")

_COMMENT_RUST = re.compile(r"<!---->|<!--(?:-?[^>-])(?:-?[^-])*-->")

# a line that starts an HTML block with a comment
_COMMENT_BLOCK = re.compile(r" {0,3}<!--")


def _comment_differs(body: str) -> bool:
    """Whether an inline HTML comment ends elsewhere (or is none) on the Rust side
    (``<!-- a -- b -->``, ``<!-- <!-- -->``): the text and links after its start differ.
    One that starts its line (after three spaces at most) starts an HTML block, which
    both end at the first ``-->``."""
    at = body.find("<!--")
    while at >= 0:
        ref = (
            None
            if _COMMENT_BLOCK.match(body, body.rfind("\n", 0, at) + 1)
            else _COMMENT_REFERENCE.match(body, at)
        )
        if ref is not None:
            rust = _COMMENT_RUST.match(body, at)
            if rust is None or rust.end() != ref.end():
                return True
        at = body.find("<!--", at + 4)
    return False


# a declaration in lower case (``<!doctype``): HTML to the reference, text to the Rust side
_LOWER_DECLARATION = re.compile(r"<![a-z]")

# a tab among a quote's markers (after ``>``, or after a list marker inside the quote): the two
# expand it to different columns (code or text)
_TAB_AFTER_QUOTE = _at_line_start(r"^[ \t]*>[ \t>\-+*0-9.)]*\t")

# a definition with no text (a colon or tilde alone on its line)
_EMPTY_DEFINITION = _at_line_start(r"^[ \t>]*[:~][ \t]*$")

# a fence or HTML block whose opening line has a pipe, above a table's delimiter row: the
# reference reads a table there (the line's first pipe stands for all of them: a pattern that
# tried each pipe in turn was quadratic in a long line of them)
_FENCE_WITH_PIPE = _at_line_start(r"^[ \t>]*(?:`{3,}|~{3,}|<)[^\n|]*\|[^\n]*\n[ \t>|:]*-[ \t>|:-]*$")

# a quote's or list item's line with a pipe above a delimiter row outside it: the reference
# reads a table there
_QUOTE_OVER_DELIMITER = _at_line_start(
    r"^[ \t]*(?:>|[-+*]|[0-9]{1,9}[.)])[^\n|]*\|[^\n]*\n[ \t|:]*-[ \t|:-]*$"
)

# a line without a pipe above a row of pipes and dashes: the Rust side reads a table there
# (the line's first character that is not a space is its one character that must not be: a
# pattern that let any character come before that one tried every split of every line)
_DELIMITER_UNDER_TEXT = _at_line_start(r"^[^\S\n]*[^|\s][^|\n]*\n(?=[^\n]*\|)[ \t>|:]*-[ \t|:-]*$")

# a row of dashes alone (no pipe, no colon) below a line with a pipe: the reference may
# read a one-column table there (``|---|`` over ``---``), the Rust side a setext heading
_DASHES_UNDER_PIPE = _at_line_start(r"^[^\n|]*\|[^\n]*\n[ \t>]*-+[ \t]*$")

# a line holding only a list marker (after a quote's markers)
_EMPTY_ITEM = r"[ \t>]*(?:[-+*]|[0-9]{1,9}[.)])[ \t]*"

# a line that ends in a backslash (and blanks): below or on a line with "]:", the reference
# takes a destination ending there at the end of a block ("[a]: /x\\"), the Rust side none
_ENDS_IN_BACKSLASH = re.compile(r"\\[ \t]*$")

# a line holding only a list marker: below a line with "]:", the two end a link reference
# definition differently (elsewhere an empty item interrupts no paragraph on either side)
_EMPTY_ITEM_LINE = re.compile(_EMPTY_ITEM + "$")

# an empty item with a tab-indented line below it: the two place the item's text
# differently (its columns)
_EMPTY_ITEM_OVER_TAB = _at_line_start(rf"^{_EMPTY_ITEM}\n[ \t>]*\t")

#: what a line may be above a row of dashes (see _dash_row_differs): the generated tests' finds
_OVER_DASH_ROW = (_DASHES_UNDER_PIPE, _FENCE_WITH_PIPE, _QUOTE_OVER_DELIMITER, _DELIMITER_UNDER_TEXT)

#: (a text the construct holds, its pattern): found by the generated differential tests
_SEEN_DIFFERING = (
    ("\t", _EMPTY_ITEM_OVER_TAB),
    ("\t", _TAB_AFTER_QUOTE),
    ("<!", _LOWER_DECLARATION),
)

# a one-column table's delimiter row has no pipe: the reference may read a table there
_PIPELESS_DELIMITER = _at_line_start(r"^[ \t>]*(?::-+:?|-+:)[ \t]*$")

# a definition that opens with a list or a quote: the two read the lines below it differently
# (or with a tab after its colon: the two place its text differently)
_NESTED_DEFINITION = _at_line_start(
    rf"^{_CONTAINERS}[:~](?:[ \t]+(?:[-+*]|[0-9]{{1,9}}[.)]|>)(?:[ \t]|$)|[ ]*\t)"
)

_UNDERLINE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*")

_LIST_OR_QUOTE = re.compile(r"[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$))")

# a quote's line, the quote maybe in a list item ("- > a")
_QUOTE_LINE = re.compile(rf"{_CONTAINERS}>")

_QUOTE_START = _at_line_start("^" + _QUOTE_LINE.pattern)

# a numbered list item's line (after a quote's markers)
_ORDERED_ITEM_LINE = re.compile(r"[ \t>]*([0-9]{1,9})[.)](?:[ \t]|$)")

# a line of markers only, the last a list item's: quotes' and items' (the item empty, or
# holding an empty item or quote)
_EMPTY_LIST_ITEM_LINE = re.compile(r"[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t>]|$)[ \t>]*)+$")


def _numbered_from_other_than_one(line: str) -> bool:
    m = _ORDERED_ITEM_LINE.match(line)
    return m is not None and int(m.group(1)) != 1


def _lines_below(lined: str, ends: Iterable[int], blanks: str | None = None) -> Iterator[str]:
    """The lines below each line that ends past each of ``ends`` (in order), to its
    block's end (a line of nothing but ``blanks``; whitespace where None), each line once:
    a start among lines already given adds none (``lined``: the body with a newline
    before it)."""
    scanned = 0
    for start in ends:
        if start < scanned:
            continue
        at = lined.find("\n", start)
        while at >= 0:
            end = lined.find("\n", at + 1)
            line = lined[at + 1 : end if end >= 0 else len(lined)]
            if not line.strip(blanks):
                break
            yield line
            at = end
        scanned = at if at >= 0 else len(lined)


def _list_below_quote(lined: str) -> bool:
    """Whether an empty list item (or one holding an empty item or quote; in a quote or
    not), or an item numbered from other than 1, follows a quote's line in the same block
    (right below it or after lazy lines): the two disagree on where the quote ends. (For
    other items the generated tests find no difference.)"""
    return any(
        _EMPTY_LIST_ITEM_LINE.match(line) or _numbered_from_other_than_one(line)
        for line in _lines_below(lined, (m.end() for m in _QUOTE_START.finditer(lined)))
    )


def definition_then_block(lined: str, in_fence: Callable[[int], bool]) -> bool:
    """Whether a definition line (``: text``) outside fences has a setext underline (``===``,
    ``---``), a list item or a quote below it in the same block: the reference reads a
    heading or lazy lines there, the Rust side a definition list. (In a fence, PowerShell's
    error output marks a column with ``+ ~``.) ``in_fence`` takes the body's offsets."""
    starts = (m.end() for m in _DEFINITION.finditer(lined) if not in_fence(m.start()))
    return any(
        _UNDERLINE.fullmatch(line) or _LIST_OR_QUOTE.match(line)
        for line in _lines_below(lined, starts, " \t>")
    )


def empty_definition(lined: str, in_fence: Callable[[int], bool]) -> bool:
    """Whether a definition with no text (a colon or tilde alone on its line) lies outside
    fences: the two read the lines around it differently (``in_fence`` as above)."""
    if ":" not in lined and "~" not in lined:
        return False
    return any(not in_fence(m.start()) for m in _EMPTY_DEFINITION.finditer(lined))


def escaped(body: str, start: int, at: int) -> bool:
    """Whether the character at ``at`` is escaped: an odd run of backslashes before it
    (back to ``start``, its line's or its run's)."""
    before = body[start:at]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 1


def _may_end_label(body: str, start: int, at: int) -> bool:
    """Whether the ``]`` at ``at`` (its line starting at ``start``) may end a definition's
    label: it is not escaped, and the label's ``[`` (the last before it on the line) starts
    the line's text, after its markers (a label that starts on a line above may end here)."""
    if escaped(body, start, at):
        return False
    opening = _opening(body, start, at)  # an escaped bracket is the label's text
    if opening < 0:
        return True
    text = start + len(CONTAINER_MARKS.match(body, start).group())
    return opening == text and "]" not in body[opening + 1 : at].replace("\\]", "")


def _label_ends(body: str) -> Iterator[tuple[int, int, int]]:
    """Each ``]:`` that may end a definition's label (see :func:`_may_end_label`), the
    first on its line, with its line's start and end (-1 on the last line). Each line with
    ``]:`` is looked at once, found by its ``]:`` (a pattern tried at every line start
    scanned every line for it)."""
    at = body.find("]:")
    while at >= 0:
        start = body.rfind("\n", 0, at) + 1
        if not _may_end_label(body, start, at):
            at = body.find("]:", at + 2)
            continue
        end = body.find("\n", at)
        yield start, at, end
        if end < 0:
            return
        at = body.find("]:", end)


def _definition_line_differs(body: str) -> bool:
    """Whether a line with "]:" ends in a backslash, or the line below it does or holds
    only a list marker (see _ENDS_IN_BACKSLASH and _EMPTY_ITEM_LINE), or its label started
    on a line above and a line of it could start a block (see :func:`_label_over_blocks`)."""
    for start, at, end in _label_ends(body):
        if _label_over_blocks(body, start, at):
            return True
        if end < 0:
            return bool(_ENDS_IN_BACKSLASH.search(body, start))
        below_end = body.find("\n", end + 1)
        below = body[end + 1 : below_end if below_end >= 0 else len(body)]
        if (
            _ENDS_IN_BACKSLASH.search(body[start:end])
            or _ENDS_IN_BACKSLASH.search(below)
            or _EMPTY_ITEM_LINE.match(below)
        ):
            return True
    return False


#: A line that could start a block (a setext underline, a list item, a thematic break, a
#: heading, a quote, a fence, HTML, a table row): inside a label that spans lines, the two
#: parsers disagree on which comes first (``[- \n- \n]:[a]`` is a heading to the reference).
_BLOCK_START = re.compile(r" {0,3}(?:[-=*+_#>`~<|]|\d{1,9}[.)])")


def _label_over_blocks(body: str, start: int, at: int) -> bool:
    """Whether the label that ``]`` at ``at`` ends started on a line above (its line, from
    ``start``, has no ``[`` before it) and a line of it below the first could start a block."""
    if _opening(body, start, at) >= 0:
        return False  # the label is on this line
    line_end = start - 1
    for _ in range(64):  # a label holds 999 characters at most: a few dozen lines
        if line_end <= 0:
            return False
        line_start = body.rfind("\n", 0, line_end) + 1
        if _opening(body, line_start, line_end) >= 0:
            return False  # the label's first line: what it starts with is the paragraph's
        if _BLOCK_START.match(body, line_start, line_end):
            return True
        line_end = line_start - 1
    return False


def _opening(body: str, start: int, end: int) -> int:
    """The last ``[`` in ``body[start:end]`` that is not escaped (``start``: its line's), or -1."""
    at = body.rfind("[", start, end)
    while at >= 0 and escaped(body, start, at):
        at = body.rfind("[", start, at)
    return at


def escaped_pipe_over_dashes(body: str) -> bool:
    """Whether a line with an escaped pipe lies right above a row of dashes: a table's
    header to the reference, whose cells the two count differently (``\\||a`` over
    ``|---|---|``; the rows of a table the Rust side reads are looked at on its tree)."""
    at = body.find("\\|")
    while at >= 0:
        end = body.find("\n", at)
        if end < 0:
            return False
        if _DASH_ROW.match(body, end):
            return True
        at = body.find("\\|", end)
    return False


def _dash_row_differs(lined: str) -> bool:
    """Whether a row of dashes (and pipes, colons, blanks and quote markers) is one the two
    read differently: a one-column table's delimiter row without a pipe; a row below a line
    of one of the kinds in ``_OVER_DASH_ROW``; a table's delimiter row whose header line
    follows a non-blank line (the two table rules disagree on when a table interrupts a
    paragraph, a lazy one in a quote above all). Such rows are few: the lines above them are
    looked at, not every line (``lined``: the body with a newline before it)."""
    for m in _DASH_ROW.finditer(lined):
        row = m.start()  # the newline before the row
        if _PIPELESS_DELIMITER.match(lined, row) or _DASH_TAB.match(lined, row):
            return True
        header = lined.rfind("\n", 0, row)  # the newline before the line above
        if header < 0:
            continue
        if any(pattern.match(lined, header) for pattern in _OVER_DASH_ROW):
            return True
        if _DEFINITION_START.match(lined, header):
            return True  # the reference may read a definition where the Rust side reads a header
        if UNICODE_BLANK.search(lined, header, row):
            return True  # a header with a no-break space: the reference strips it (Python's strip)
        if "|" in m.group() and header > 0:
            above = lined.rfind("\n", 0, header)
            text = lined[above + 1 : header]
            if text.strip(" \t>") and not _ATX_HEADING.match(text):
                return True  # (a heading is no paragraph: a table below it starts alike)
    return False


def _nowhere(_at: int) -> bool:
    return False


def title_below_definition(body: str, in_code: Callable[[int], bool] = _nowhere) -> bool:
    """Whether a line with "]:" (a link reference definition), not in code, has what may be
    its title at the start of the next line."""
    for _, at, end in _label_ends(body):
        if end >= 0 and _TITLE_START.match(body, end + 1) and not in_code(at):
            return True
    return False


def title_over_lines(body: str, in_code: Callable[[int], bool] = _nowhere) -> bool:
    """Whether a line with "]:", not in code, holds what may open a title (a quote or a
    parenthesis after a destination) and has a line below that is not blank: a title may
    go on over lines, and the two end it differently."""
    for _, at, end in _label_ends(body):
        if end >= 0 and _TITLE_OPENER.match(body, at + 2, end) is not None:
            below = body.find("\n", end + 1)
            if body[end + 1 : below if below >= 0 else len(body)].strip() and not in_code(at):
                return True
    return False


# an underscore that can only close (after a letter or digit, before no letter or digit),
# and one that may open (after no letter or digit, before no blank)
_UNDERSCORE_CLOSER = re.compile(r"(?<=[^\W_])_(?![^\W_])")

_UNDERSCORE_OPENER = re.compile(r"(?<!\w)_(?=\S)")


def underscore_closer_then_opener(text: str) -> bool:
    """Whether a paragraph's text has an underscore that can only close before any that may
    open, and one that may open after it: the two bound the search for that one's closer
    differently ("*a_bb_*_ab_")."""
    closer = _UNDERSCORE_CLOSER.search(text)
    if closer is None:
        return False
    before = _UNDERSCORE_OPENER.search(text, 0, closer.start())
    return before is None and _UNDERSCORE_OPENER.search(text, closer.end()) is not None


def quote_depth(line: str) -> int:
    """How many quote markers start ``line`` (among blanks)."""
    return line[: len(line) - len(line.lstrip(" \t>"))].count(">")


def _befores(body: str, start: int) -> tuple[str | None, ...]:
    """The characters the mark at ``start`` may have before it: the body's, and a blank
    after a quote's marker (where the run's content starts, in its line, on the Rust side)."""
    return (None, " ") if start > 0 and body[start - 1] == ">" else (None,)


def may_open(body: str, start: int, end: int) -> bool:
    """Whether the run of emphasis marks at ``start:end`` can open (markdown-it's rules)."""
    for before in _befores(body, start):
        left, right = _flanking(body, start, end, before)
        before_punct = before is None and start > 0 and _punct(body[start - 1])
        if left and (body[start] != "_" or not right or before_punct):
            return True
    return False


def may_close(body: str, start: int, end: int) -> bool:
    """Whether the run of emphasis marks at ``start:end`` can close (markdown-it's rules)."""
    next_punct = end < len(body) and _punct(body[end])
    for before in _befores(body, start):
        left, right = _flanking(body, start, end, before)
        if right and (body[start] != "_" or not left or next_punct):
            return True
    return False


def _refused_protocol(body: str) -> bool:
    """Whether a destination may name a protocol the Rust side refuses to link (it
    validates decoded destinations, so entities and escapes are decoded first)."""
    if "&" not in body and "\\" not in body and not any(ch in body for ch in _FOLDED_TO_ASCII):
        # nothing to decode: the protocol's name and colon are in the text as written (a
        # few finds in the lowered text, against a pattern that starts with no literal)
        lowered = body.lower()
        if all(name not in lowered for name in _REFUSED_NAMES):
            return False
    decoded = html.unescape(body) if "&" in body else body
    decoded = decoded.replace("\\", "")
    bad = len(_BAD_PROTOCOL.findall(decoded))
    if not bad:
        return False
    # an allowed image is one written as such: an autolink's entities are not decoded by the
    # Rust side (``<data:image/png&#59;>`` is text there, a link to the reference)
    good = len(_GOOD_DATA.findall(decoded))
    return bad > good or good != len(_GOOD_DATA.findall(body))


def within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies in one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and end <= spans[i][1]
