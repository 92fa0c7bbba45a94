"""Review cadence: when each cluster's policy entry or hub page, and the policy files
as a whole, were last touched in git, against their ``review_every``."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..policy import LoadedPolicy
from ..source import GitRevision
from .history import History


@dataclass(frozen=True)
class Due:
    """A policy part whose review is due."""

    #: where it is in the policy (("clusters", 2) or ("review_every",))
    loc: tuple[str | int, ...]
    what: str
    last: dt.date | None
    every: str
    owners: tuple[str, ...]


def history_of(analysis: Any) -> History:
    commit = analysis.source.commit if isinstance(analysis.source, GitRevision) else None
    return History(analysis.root, commit)


def policy_file(loaded: LoadedPolicy, section: str) -> str | None:
    """The repository path of the file that holds ``section``, when known."""
    if section not in loaded.trees or loaded.repo_dir is None:
        return None
    shown = loaded.trees[section][0]
    return posixpath.normpath(posixpath.join(loaded.repo_dir, posixpath.basename(shown)))


def entry_lines(loaded: LoadedPolicy, index: int) -> tuple[int, int] | None:
    """The 1-based first and last line of ``clusters[index]`` in its file: from its
    item to the next item, or to the next top-level key (the file's end when none)."""
    if "clusters" not in loaded.trees:
        return None
    _, doc = loaded.trees["clusters"]
    items = doc["clusters"]
    start = items.lc.item(index)[0] + 1
    if index + 1 < len(items):
        return start, items.lc.item(index + 1)[0]
    keys = list(doc)
    after = keys[keys.index("clusters") + 1 :]
    return start, (doc.lc.key(after[0])[0] if after else 10**9)


def due(analysis: Any, today: dt.date, history: History) -> Iterator[Due]:
    """Clusters and the policy directory whose last touch is older than their interval."""
    loaded: LoadedPolicy = analysis.policy
    policy = loaded.policy
    pending = [(i, c) for i, c in enumerate(policy.clusters) if c.review_days is not None]
    hubs = {c.id: analysis.clusters[c.id].hub.path for _, c in pending if c.id in analysis.clusters}
    touched = history.file_days(sorted(set(hubs.values())))
    file = policy_file(loaded, "clusters")
    blame = history.line_days(file) if file and pending else None
    for i, cluster in pending:
        days = [touched[hubs[cluster.id]]] if hubs.get(cluster.id) in touched else []
        span = entry_lines(loaded, i)
        if blame and span:
            days += blame[span[0] - 1 : span[1]]
        last = max(days, default=None)
        if last is None or (today - last).days > (cluster.review_days or 0):
            what = f"cluster '{cluster.id}' (its policy entry and hub {hubs.get(cluster.id, cluster.hub)})"
            yield Due(("clusters", i), what, last, cluster.review_every or "", tuple(cluster.owners))
    if policy.review_days is not None and loaded.repo_dir is not None:
        directory = loaded.repo_dir
        files = [posixpath.normpath(posixpath.join(directory, posixpath.basename(f))) for f in loaded.files]
        last = max(history.file_days(files).values(), default=None)
        if last is None or (today - last).days > policy.review_days:
            owners = tuple(dict.fromkeys(o for c in policy.clusters for o in c.owners))
            what = f"the policy files in {directory}/"
            yield Due(("review_every",), what, last, policy.review_every or "", owners)
