"""Settings for the whole test run."""

from __future__ import annotations

import os

# Approvals expire and reviews fall due with the calendar: the suite judges them on one
# fixed day (tests that need another set LINKPOLICY_TODAY themselves), so the demo's
# `review_every` never turns into a finding just because time passed.
os.environ.setdefault("LINKPOLICY_TODAY", "2026-12-01")
