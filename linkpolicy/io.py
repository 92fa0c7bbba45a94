"""File access that never leaves the repository, never hangs and never writes half a file.

Every file linkpolicy reads goes through :func:`read_inside` (or :func:`read_regular` for a
file the user named on the command line): symlinks are resolved, the file must be a regular
file inside the root, it is opened non-blocking and checked with ``fstat`` after opening (so
a FIFO or a device is refused, never read), and its size is capped. Every file it writes
goes through :func:`atomic_write`: a temporary file in the same folder, ``fsync``, rename;
permissions kept; never through a symlink that leaves the root; never over a read-only file
or one that changed since it was read.
"""

from __future__ import annotations

import codecs
import errno
import functools
import io
import os
import stat
import zlib
from pathlib import Path
from typing import IO, BinaryIO

#: Content files larger than this are reported, not read.
MAX_FILE_BYTES = 8 * 1024 * 1024


class UnreadableFile(Exception):
    """A content file that cannot be read as text; the message says why."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class RefusedFile(OSError):
    """A file linkpolicy will not read or write (outside the root, not a regular file,
    too large, read-only, changed during the run); the message names the file and why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.strerror = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def within(root: Path, path: Path) -> bool:
    """True if ``path`` (symlinks resolved) lies inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def resolve_inside(root: Path, path: Path | str, folders: dict[str, str] | None = None) -> Path:
    """``path`` (relative to ``root``, or absolute) with symlinks resolved; raises
    :class:`RefusedFile` when it lies outside ``root``. ``folders``: where the folders
    resolved so far lead (a reader of many files in few folders passes one for them all,
    and each folder is resolved once)."""
    return Path(_resolved_inside(root, path, folders))


def _resolved_inside(root: Path | str, path: Path | str, folders: dict[str, str] | None) -> str:
    """:func:`resolve_inside` as a string (a reader of many files makes no Path for each)."""
    full = os.path.join(root, path)
    try:
        resolved = os.path.realpath(full) if folders is None else realpath_in(full, folders)
        if _climbs(full) and os.path.realpath(resolved) != resolved:
            # realpath gives up at a symlink loop, keeps the rest as written and folds its
            # ".." into the loop: `loop/../link` comes back with `link` never followed
            raise OSError(errno.ELOOP, "a symlink loop before a '..'")
        real_root = _real_root(os.fspath(root))
    except (OSError, RuntimeError, ValueError) as exc:
        raise RefusedFile(os.path.normpath(full), f"cannot resolve the path ({exc})") from None
    if resolved != real_root and not resolved.startswith(real_root.rstrip(os.sep) + os.sep):
        raise RefusedFile(os.path.normpath(full), "resolves outside the repository; not following it")
    return resolved


def _climbs(path: str) -> bool:
    """Whether ``path`` has a ".." part."""
    parts = path.split(os.sep) if os.altsep is None else path.replace(os.altsep, os.sep).split(os.sep)
    return os.pardir in parts


def realpath_in(full: str, folders: dict[str, str]) -> str:
    """``os.path.realpath(full)``, with the folder holding ``full`` resolved once for all
    its files: ``folders`` maps each folder resolved so far to where it leads (realpath
    resolves every part of the path for every file: one lstat a part)."""
    parent, name = os.path.split(full)
    if not parent or name in ("", ".", "..") or "/." in parent:
        # a "." or ".." part (realpath keeps the rest of a path whose symlinks loop as
        # written, and then folds its ".." into the part before: that is for it to do)
        return os.path.realpath(full)
    real = folders.get(parent)
    if real is None:
        real = folders[parent] = os.path.realpath(parent)
    candidate = os.path.join(real, name)
    return os.path.realpath(candidate) if os.path.islink(candidate) else candidate


@functools.lru_cache(maxsize=64)
def _real_root(root: str) -> str:
    return os.path.realpath(root)


def read_regular(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes. Opened
    non-blocking and checked after opening, so a FIFO, socket or device never hangs the
    run. Raises :class:`RefusedFile` (an ``OSError``) naming the file otherwise;
    ``FileNotFoundError`` when it does not exist."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile(path, f"not a regular file ({_kind(info.st_mode)}); not reading it")
        if info.st_size > limit:
            raise RefusedFile(path, f"file is {info.st_size} bytes, over the limit of {limit}")
        chunks: list[bytes] = []
        size = 0
        # the first read asks for the file's size and one byte more, the next ones for
        # 64 KiB (the end, or a file that grew): a buffer of 1 MiB for each read cost
        # 0.2 ms a read in a long run (fresh memory from the system, given back after)
        want = info.st_size + 1
        while chunk := os.read(fd, min(want, limit + 1 - size)):
            want = 1 << 16
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise RefusedFile(path, f"file grew over the limit of {limit} bytes while read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file (checked after a non-blocking
    open, so a FIFO never hangs); for large inputs read as a stream, like backlink exports
    the user names on the command line. Raises :class:`RefusedFile` otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise RefusedFile(path, f"not a regular file ({_kind(mode)}); not reading it")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "a special file"


def read_inside(
    root: Path, path: Path | str, limit: int = MAX_FILE_BYTES, folders: dict[str, str] | None = None
) -> bytes:
    """The bytes of ``path`` (relative to ``root`` or absolute), which must resolve to a
    regular file inside ``root``; see :func:`read_regular` (and :func:`resolve_inside`
    for ``folders``)."""
    return read_regular(_resolved_inside(root, path, folders), limit)


def inflated(data: bytes | memoryview, limit: int, wbits: int = zlib.MAX_WBITS, whole: bool = True) -> bytes:
    """``data`` (a zlib stream, or raw deflate with negative ``wbits``) inflated, refused
    with ValueError as soon as it would pass ``limit`` bytes: a cache file planted with a
    decompression bomb makes no more than that. With ``whole``, the stream must end
    within ``data`` (zlib.error for one cut short, or spoilt anywhere)."""
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise ValueError(f"inflates past {limit} bytes")
    if whole and not inflater.eof:
        raise zlib.error("a stream cut short")
    return out


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (BOM allowed); raise :class:`UnreadableFile` otherwise."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except RefusedFile as exc:
        raise UnreadableFile(exc.reason) from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc
    return decode_text(data)


def _too_large(size: int) -> str:
    mib = 1024 * 1024
    return f"file is {size // mib} MiB, over the {MAX_FILE_BYTES // mib} MiB limit for a page"


def line_column(text: str, at: int) -> tuple[int, int]:
    """Where offset ``at`` of ``text`` is: its line and column, both from 1."""
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


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


def atomic_write(
    path: Path, data: bytes | str, *, root: Path | None = None, expect: bytes | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, ``fsync``
    and a rename; the file's permission bits are kept.

    With ``root``, a path (or a symlink on it) that resolves outside ``root`` is refused;
    a symlink inside it is written through (the link stays). A read-only file is refused,
    not replaced. With ``expect`` (the bytes read earlier, ``b""`` for a file that did not
    exist), the file is read again right before the rename and left alone if it changed.
    Refusals raise :class:`RefusedFile` naming the file.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = resolve_inside(root, path) if root is not None else path
    exists = target.exists() or target.is_symlink()
    if exists and not target.is_file():
        raise RefusedFile(path, "not a regular file; not replacing it")
    if exists and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise RefusedFile(path, "file is read-only; not changing it")
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # (a run that writes nothing does without it)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        if expect is not None and _current(target) != expect:
            raise RefusedFile(path, "changed on disk while linkpolicy was running; not overwriting it")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:  # mkstemp makes 0600 files; a new file gets the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _current(target: Path) -> bytes:
    try:
        return read_regular(target, max(MAX_FILE_BYTES, target.stat().st_size))
    except FileNotFoundError:
        return b""


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """``binary`` read as text: UTF-16 or UTF-8 by its byte-order mark (UTF-8 without one),
    stray bytes replaced (exports carry some in titles), newlines as they are (for csv)."""
    head = binary.peek(4)[:4] if hasattr(binary, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    return io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
