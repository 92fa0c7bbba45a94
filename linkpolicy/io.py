"""File access that never leaves the repository and never writes half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Content files larger than this are reported, not read.
MAX_FILE_BYTES = 8 * 1024 * 1024


class UnreadableFile(Exception):
    """A content file that cannot be read as text; the message says why."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def within(root: Path, path: Path) -> bool:
    """True if ``path`` (symlinks resolved) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (BOM allowed); raise :class:`UnreadableFile` otherwise."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFile(_too_large(path.stat().st_size))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc
    return decode_text(data)


def _too_large(size: int) -> str:
    mib = 1024 * 1024
    return f"file is {size // mib} MiB, over the {MAX_FILE_BYTES // mib} MiB limit for a page"


def decode_text(data: bytes) -> str:
    """A page's bytes as text (UTF-8, BOM allowed), newlines made ``\\n``; raises
    :class:`UnreadableFile` for binary, oversized or non-UTF-8 data."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(_too_large(len(data)))
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary file (contains NUL bytes), not Markdown")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise UnreadableFile(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", line, column
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:  # mkstemp makes 0600 files; a new file gets the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
