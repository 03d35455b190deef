"""Atomic file writes: a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import os
import stat


def write_atomically(path: str | os.PathLike, data: bytes, *, durable: bool = True) -> None:
    """Write through a temporary file in the same folder and os.replace, keeping permissions.

    Readers see the old file or the new one, never half of it.  ``durable`` syncs the data to disk
    first (a user's report); a cache entry that can be rebuilt skips that cost.
    """
    target = os.path.realpath(path)  # a symlink keeps pointing at the fixed file
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = _temporary_file(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _temporary_file(target: str) -> tuple[int, str]:
    """A new file beside ``target``, open for writing, readable by its owner only (as
    tempfile.mkstemp, whose import costs more than a one-file run can spare)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        folder, base = os.path.split(target)
        name = os.path.join(folder, f".{base}.{os.urandom(6).hex()}.lawlint-tmp")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")
