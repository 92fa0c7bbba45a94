"""The run record's segmented compression: what is stored reads back byte for byte, the
next record copies the segments it shares with the last, and a spoilt blob is refused."""

from __future__ import annotations

import random
import zlib

import pytest

from linkpolicy import segments


def entries(seed: int, count: int = 3000) -> list[bytes]:
    """Entries like a record's: JSON-ish rows of a few hundred bytes, some repeated."""
    rng = random.Random(seed)
    words = [f"word{i}" for i in range(300)]
    out = []
    for i in range(count):
        if rng.random() < 0.1:
            out.append(b"[]")
        else:
            out.append(f"[{i},{','.join(rng.choices(words, k=rng.randint(5, 80)))}]".encode())
    return out


def stored(chunks: list[bytes], previous: segments.Previous | None = None) -> tuple[bytes, segments.Writer]:
    writer = segments.Writer(previous)
    for chunk in chunks:
        writer.write(chunk)
    return bytes(writer.blob()), writer


def test_a_record_reads_back_as_written() -> None:
    chunks = entries(1)
    blob, writer = stored(chunks)
    raw, _ = segments.restored(blob)
    assert raw == b"".join(chunks) and writer.size == len(raw) == writer.fresh
    assert len(blob) < len(raw) // 2  # compressed
    assert blob.startswith(segments.MAGIC)
    empty, _ = segments.restored(stored([])[0])
    assert empty == b""


@pytest.mark.parametrize("seed", range(4))
def test_an_edit_recompresses_only_the_segments_near_it(seed: int) -> None:
    chunks = entries(seed)
    _, previous = segments.restored(stored(chunks)[0])
    rng = random.Random(seed)
    at = rng.randrange(len(chunks))
    edited = list(chunks)
    edited[at] = chunks[at] + b",[1,2,3]" * rng.randint(1, 40)  # longer: everything after it moves
    blob, writer = stored(edited, previous)
    raw, _ = segments.restored(blob)
    assert raw == b"".join(edited)
    assert writer.fresh < writer.size / 4  # the rest copied as it was compressed
    # nothing shared: every segment compressed anew, and the record still reads back
    other = entries(seed + 100)
    blob, writer = stored(other, previous)
    assert segments.restored(blob)[0] == b"".join(other) and writer.fresh == writer.size


def test_a_long_entry_and_one_segment_cut_at_the_maximum() -> None:
    big = bytes(range(256)) * (segments.MAX_SIZE // 128)
    chunks = [b"a" * 10, big, b"b" * 10]
    blob, _ = stored(chunks)
    assert segments.restored(blob)[0] == b"".join(chunks)


def spoilt(blob: bytes) -> list[bytes]:
    head = len(segments.MAGIC)
    count = int.from_bytes(blob[head : head + 4], "big")
    table_end = head + 4 + 12 * count
    flip = lambda data, at: data[:at] + bytes([data[at] ^ 0x41]) + data[at + 1 :]  # noqa: E731
    return [
        b"",
        blob[:-1],  # cut short
        blob[: head - 2] + b"x\n" + blob[head:],  # another layout
        blob[:head] + (count + 1).to_bytes(4, "big") + blob[head + 4 :],  # a count too big
        flip(blob, head + 4 + 3),  # a compressed size changed
        flip(blob, head + 4 + 7),  # a size changed
        flip(blob, table_end + 5),  # the stream spoilt
        blob + b"\0",  # one byte more
    ]


def test_a_spoilt_blob_is_refused() -> None:
    chunks = entries(7)
    blob, _ = stored(chunks)
    assert len(chunks) and int.from_bytes(blob[len(segments.MAGIC) : len(segments.MAGIC) + 4], "big") > 2
    for bad in spoilt(blob):
        with pytest.raises((ValueError, zlib.error)):
            segments.restored(bad)


def test_a_segment_is_copied_only_when_its_bytes_are_the_same() -> None:
    chunks = entries(3)
    _, previous = segments.restored(stored(chunks)[0])
    (size, crc), (at, compressed) = next(iter(previous.by_key.items()))
    same = previous.raw[at : at + size]
    assert previous.find(same, crc) is compressed
    other = bytearray(same)
    other[0] ^= 1
    assert previous.find(other, crc) is None  # the same size and CRC claimed, other bytes


def test_a_segment_never_inflates_past_what_its_table_says() -> None:
    """A spoilt record must not make the reader allocate what a decompression bomb holds:
    a segment of a megabyte of zeros whose table says 10 bytes is refused unread, and so
    is a record whose table says it holds far more than records compress from."""
    bomb = segments._compressed(b"\0" * (1 << 20))
    head = segments.MAGIC + (1).to_bytes(4, "big")

    def table(claimed: int) -> bytes:
        return len(bomb).to_bytes(4, "big") + claimed.to_bytes(4, "big") + (0).to_bytes(4, "big")

    for claimed in (10, (1 << 20) - 1, (1 << 20) + 1):
        with pytest.raises(ValueError, match="size its table says"):
            segments.restored(head + table(claimed) + bomb)
    huge = segments.MAX_RATIO * (len(head) + 12 + len(bomb)) + segments.ALLOWANCE + 1
    with pytest.raises(ValueError, match="larger than a record compresses"):
        segments.restored(head + table(huge) + bomb)
    assert segments.restored(head + table(1 << 20) + bomb)[0] == b"\0" * (1 << 20)
