"""What day it is, for approvals that expire and policies due for review.

``LINKPOLICY_TODAY=2026-12-01`` fixes the day (reproducible CI runs and tests); the API
takes it as ``Analysis.today``. Otherwise it is today's date in UTC.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from ..errors import UsageError

ENV = "LINKPOLICY_TODAY"


def parse_day(value: str, what: str = ENV) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{what}={value!r}: expected a date like 2026-12-01") from None


def today() -> dt.date:
    """``LINKPOLICY_TODAY`` when set, else today's date in UTC."""
    raw = os.environ.get(ENV, "").strip()
    if raw:
        return parse_day(raw)
    return dt.datetime.now(dt.UTC).date()


def today_of(analysis: Any) -> dt.date:
    """The analysis' own day (``Analysis.today``) when given, else :func:`today`."""
    given = getattr(analysis, "today", None)
    return given if isinstance(given, dt.date) else today()
