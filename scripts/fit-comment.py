"""Fit a pull-request comment into GitHub's limit: `fit-comment.py FULL OUT [LIMIT]`.

GitHub refuses comment bodies over 65,536 characters. A body that fits is copied as it
is; a longer one is cut at the last whole line that leaves room for a closing note, any
<details> the cut leaves open is closed, and the note says where the full report is (the
job summary and the `linkpolicy-report` artifact).
"""

from __future__ import annotations

import sys
from pathlib import Path

GITHUB_LIMIT = 65_536
NOTE = (
    "\n\n> **The report was cut to fit GitHub's comment limit ({limit:,} characters).** "
    "The full report is in this run's job summary and in its `linkpolicy-report` artifact.\n"
)


def fit(body: str, limit: int = GITHUB_LIMIT) -> str:
    if len(body) <= limit:
        return body
    note = NOTE.format(limit=limit)
    budget = limit - len(note) - 200  # room for closing tags
    cut = body[:budget]
    cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else cut
    open_details = cut.count("<details") - cut.count("</details>")
    return cut + "\n</details>\n" * max(open_details, 0) + note


def main(argv: list[str]) -> int:
    full, out = Path(argv[1]), Path(argv[2])
    limit = int(argv[3]) if len(argv) > 3 else GITHUB_LIMIT
    body = full.read_text(encoding="utf-8")
    out.write_text(fit(body, limit), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
