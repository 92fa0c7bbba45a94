"""Settings for the whole test run."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from linkpolicy import collector

# generated tests explore afresh on every local run; CI runs a fixed set (a submission
# lands or not on its own merits, not on the examples drawn that day)
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Approvals expire and reviews fall due with the calendar: the suite judges them on one
# fixed day (tests that need another set LINKPOLICY_TODAY themselves), so the demo's
# `review_every` never turns into a finding just because time passed.
os.environ.setdefault("LINKPOLICY_TODAY", "2026-12-01")


@pytest.fixture(autouse=True)
def _library_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command run in this process (click's test runner) says the process is the
    command line's (it would freeze what it keeps for good): each test starts as a
    library's host again."""
    monkeypatch.setattr(collector, "_owned", False)
