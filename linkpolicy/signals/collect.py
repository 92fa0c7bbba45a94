"""Where readers put what they read: one :class:`Raw` record per normalised URL, so memory
follows the number of distinct URLs, never the number of lines or rows."""

from __future__ import annotations

from .model import Raw, SourceFile
from .urls import normalise


class Collector:
    def __init__(self) -> None:
        self.records: dict[str, Raw] = {}
        self.sources: list[SourceFile] = []
        self.kinds: set[str] = set()
        self._keys: dict[str, str] = {}  # raw URL -> key, for repeated URLs (bounded below)

    def at(self, url: str) -> Raw:
        key = self._keys.get(url)
        if key is None:
            key = normalise(url)
            if len(self._keys) > 200_000:
                self._keys.clear()  # a cache, not a record: keep memory flat
            self._keys[url] = key
        record = self.records.get(key)
        if record is None:
            record = self.records[key] = Raw()
        return record
