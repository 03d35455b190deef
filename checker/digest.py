"""Digests for a linting run, without importing hashlib.

hashlib loads OpenSSL's bindings (``_hashlib``): ~5 ms of every start, for the few digests a run
takes (the keys of cached builds and results, the check of the shipped heading spec).  CPython's
own implementations, which hashlib itself falls back on, load in ~0.2 ms and give the same
digests.  ``blake2b`` is the fast one for keys of large inputs; ``sha256`` (CPython's own is
slower than OpenSSL's) is for small inputs whose SHA-256 is compared with a stored one.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

try:
    from _sha256 import sha256  # CPython 3.11
except ImportError:
    try:
        from _sha2 import sha256  # CPython 3.12 and later
    except ImportError:
        from hashlib import sha256

__all__ = ["blake2b", "sha256"]
