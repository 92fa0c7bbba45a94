"""Baselines: today's findings, recorded by fingerprint so `check --baseline` reports only
new ones. Entries hold rule, file, page, target and anchor, never line numbers, so a
baselined finding stays baselined when text moves; entries that no longer match anything
are counted, so the file shrinks as findings get fixed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import UsageError
from .findings import Finding
from .io import RefusedFile, read_regular

VERSION = 1
#: A baseline larger than this is refused (a real one is a few KB per hundred findings).
MAX_BYTES = 64 * 1024 * 1024
DEFAULT_FILE = ".linkpolicy-baseline.json"
_FIELDS = ("rule", "path", "page", "target", "anchor")


def render(findings: list[Finding]) -> str:
    counts = Counter(f.fingerprint() for f in findings)
    entries = [dict(zip(_FIELDS, key, strict=True)) | {"count": n} for key, n in sorted(counts.items())]
    return json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> Counter[tuple[str, ...]]:
    try:
        doc = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
        if doc.get("version") != VERSION:
            raise ValueError(f"unsupported version {doc.get('version')!r}")
        return Counter(
            {tuple(str(e.get(k) or "") for k in _FIELDS): int(e.get("count", 1)) for e in doc["findings"]}
        )
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline not found; create it with `linkpolicy baseline`") from None
    except RefusedFile as exc:
        raise UsageError(f"{path}: cannot read the baseline: {exc.reason}") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path}: not a linkpolicy baseline ({exc})") from None


def apply(findings: list[Finding], baseline: Counter[tuple[str, ...]]) -> tuple[list[Finding], int, int]:
    """(findings not in the baseline, how many were baselined, stale baseline entries)."""
    left = Counter(baseline)
    kept, matched = [], 0
    for f in findings:
        key = f.fingerprint()
        if left[key] > 0:
            left[key] -= 1
            matched += 1
        else:
            kept.append(f)
    return kept, matched, sum(left.values())
