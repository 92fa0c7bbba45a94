"""A run record's bytes, compressed in segments that the next record re-uses.

A record is written as many small entries (each page's facts and findings, the site's
rows in batches, the graph's arrays in pieces, then one document). :class:`Writer` cuts
that stream into segments at entry boundaries: after an entry whose CRC-32 ends in eight
zero bits, once the segment holds :data:`MIN_SIZE` bytes (or at :data:`MAX_SIZE`). The
cuts follow the content, not the offsets: an edit that makes one entry longer or shorter
moves no cut but those near it, so the next record shares every other segment byte for
byte with the last and copies it compressed instead of compressing it again (after a
link edit on a 10k-page site, about a tenth of the record is compressed anew).

Each segment is a Zstandard frame that says its size (zstd decompresses about three times
as fast as zlib inflates, and compresses smaller at its fastest level: a 10k-page site's
record, 13.6 MB, reads back in 15 ms instead of 45), so the segments laid one after
another are one zstd stream. The stored blob is :data:`MAGIC`, the segment count, each
segment's compressed size, size and CRC-32 (big-endian 32-bit words), and that stream.
:func:`restored` decompresses each segment on its own, only after its frame has said the
size its table says (and the whole record at most :data:`MAX_RATIO` times its stored
size): a segment the next record copies is then known to decompress, alone, to the bytes
it is copied for, and a spoilt record cannot make the reader allocate what a
decompression bomb holds.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

import zstandard

#: The first bytes of a stored record: this layout's name and version.
MAGIC = b"linkpolicy-segments-2\n"
MIN_SIZE = 32 << 10
MAX_SIZE = 1 << 20
#: A cut follows an entry whose CRC-32 has these bits clear (one entry in 256).
CUT_MASK = 0xFF
#: A record whose segments say they hold more than this many times its stored size, and
#: :data:`ALLOWANCE` more, is refused unread (records compress about five times).
MAX_RATIO = 64
ALLOWANCE = 64 << 20
LEVEL = 1


def _compressed(data: bytes | bytearray) -> bytes:
    return zstandard.ZstdCompressor(level=LEVEL).compress(data)


class Previous:
    """The segments of the record read last (compressed, as stored), by size and CRC-32,
    with the record's bytes to compare them with."""

    def __init__(
        self, raw: bytes | bytearray, table: Iterable[tuple[int, int, int]], blob: memoryview
    ) -> None:
        self.raw = raw
        #: (size, crc) -> (where the segment starts in ``raw``, its compressed bytes)
        self.by_key: dict[tuple[int, int], tuple[int, memoryview]] = {}
        at = zat = 0
        for zsize, size, crc in table:
            self.by_key.setdefault((size, crc), (at, blob[zat : zat + zsize]))
            at, zat = at + size, zat + zsize

    def find(self, segment: bytes | bytearray, crc: int) -> memoryview | None:
        """The compressed bytes of a segment equal to ``segment``, if the record had one."""
        hit = self.by_key.get((len(segment), crc))
        if hit is None:
            return None
        at, compressed = hit
        return compressed if self.raw[at : at + len(segment)] == segment else None


class Writer:
    """Takes a record's entries (:meth:`write`) and gives the stored blob (:meth:`blob`),
    re-using the compressed segments of ``previous`` where a segment is the same."""

    def __init__(self, previous: Previous | None = None) -> None:
        self.previous = previous
        self._packer = zstandard.ZstdCompressor(level=LEVEL)
        self._segment = bytearray()
        self._table: list[int] = []
        self._stream = bytearray()
        #: bytes written, and of them those compressed anew (the rest copied)
        self.size = self.fresh = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        segment = self._segment
        segment += data
        if len(segment) >= MAX_SIZE or (len(segment) >= MIN_SIZE and not zlib.crc32(data) & CUT_MASK):
            self._cut()

    def _cut(self) -> None:
        segment = self._segment
        if not segment:
            return
        crc = zlib.crc32(segment)
        compressed = self.previous.find(segment, crc) if self.previous is not None else None
        if compressed is None:
            compressed = self._packer.compress(segment)
            self.fresh += len(segment)
        self.size += len(segment)
        self._table.extend((len(compressed), len(segment), crc))
        self._stream += compressed
        self._segment = bytearray()

    def blob(self) -> bytearray:
        """The stored record: what :func:`restored` reads back."""
        self._cut()
        table = self._table
        out = bytearray(MAGIC)
        out += struct.pack(f">I{len(table)}I", len(table) // 3, *table)
        out += self._stream
        return out


def restored(blob: bytes) -> tuple[bytes, Previous]:
    """The record's bytes, and its segments for the next :class:`Writer`; ValueError when
    ``blob`` is not a record :class:`Writer` made, or is spoilt."""
    view = memoryview(blob)
    at = len(MAGIC) + 4
    if view[: len(MAGIC)] != MAGIC or len(view) < at:
        raise ValueError("not a segmented record")
    (count,) = struct.unpack_from(">I", view, len(MAGIC))
    if len(view) < at + 12 * count:
        raise ValueError("segment table cut short")
    words = struct.unpack_from(f">{3 * count}I", view, at)
    table = [(words[i], words[i + 1], words[i + 2]) for i in range(0, len(words), 3)]
    stream = view[at + 12 * count :]
    if sum(z for z, _, _ in table) != len(stream):
        raise ValueError("segments and their table differ")
    if sum(size for _, size, _ in table) > MAX_RATIO * len(blob) + ALLOWANCE:
        raise ValueError("segments larger than a record compresses from")  # refused before reading
    unpacker = zstandard.ZstdDecompressor()
    parts = []
    zat = 0
    for zsize, size, _ in table:
        segment = stream[zat : zat + zsize]
        try:
            if zstandard.frame_content_size(segment) != size:
                raise ValueError("a segment is not the size its table says")  # before decompressing
            part = unpacker.decompress(segment)
        except zstandard.ZstdError as exc:
            raise ValueError(f"a spoilt segment: {exc}") from exc
        if len(part) != size:
            raise ValueError("a segment is not the size its table says")
        parts.append(part)
        zat += zsize
    raw = b"".join(parts)
    return raw, Previous(raw, table, stream)
