"""Atomic file writes: a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Write through a temporary file in the same folder and os.replace, keeping permissions.

    Readers see the old file or the new one, never half of it.  ``durable`` syncs the data to disk
    first (a user's report); a cache entry that can be rebuilt skips that cost.
    """
    target = Path(os.path.realpath(path))  # a symlink keeps pointing at the fixed file
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".lawlint-tmp")
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
