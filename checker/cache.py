"""The on-disk result cache: a CI re-run over an unchanged folder of reports costs little.

As in ruff, the cache is on by default (``.lawlint_cache`` in the working directory,
``--cache-dir DIR`` or ``LAWLINT_CACHE_DIR`` to move it, ``--no-cache`` to switch it off) and
standard input is never cached.  An entry is keyed by everything its diagnostics depend on: the
file's bytes, its shown path (configuration and per-file-ignores follow the path), the lawlint
version, a fingerprint of the installed code and data files (so an edited rule never serves stale
results), the data versions of every plugin, and the effective settings (selection, severities,
options, report year, suppression, and today's date, which date rules read).  An entry is one
file, written atomically; an entry that cannot be read or fails its checksum is ignored.
"""

from __future__ import annotations

import enum
import os
import sys
from datetime import date

from . import __version__
from .atomic import write_atomically
from .digest import blake2b

try:  # the C pickler alone: importing pickle.py costs ~2 ms of a start
    from _pickle import dumps as _dumps, loads as unpickle
except ImportError:  # another Python
    from pickle import dumps as _dumps, loads as unpickle

DEFAULT_DIR = ".lawlint_cache"
ENV_DIR = "LAWLINT_CACHE_DIR"
FORMAT = "v1"  # bump when the shape of an entry changes
_MAGIC = b"LAWLINT-CACHE-1\n"
_DIGEST = 32  # bytes of blake2b that guard an entry's payload


def _hash(data: bytes = b""):
    """The hash of every key and checksum here (blake2b: fast, and no OpenSSL to load)."""
    return blake2b(data, digest_size=_DIGEST)


def pickled(value) -> bytes:
    return _dumps(value, protocol=-1)  # the highest protocol


def _key_text(value) -> bytes:
    """Key material for plain values (json would cost ~3 ms of imports): ``repr`` is exact for
    them, and stable() has already put every dict and set in a fixed order."""
    return repr(value).encode("utf-8")


def default_dir() -> str:
    return os.environ.get(ENV_DIR) or DEFAULT_DIR


def stable(value):
    """A plain form of settings whose text does not depend on hash seeds or object identity."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple: its fields by name
        return {name: stable(getattr(value, name)) for name in value._fields}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((stable(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    if isinstance(value, date):
        return str(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def file_stamp(path: str | os.PathLike) -> list:
    """Size and modification time: enough to notice an edited dictionary or rule module."""
    try:
        st = os.stat(path)
    except OSError:
        return [str(path), None]
    return [str(path), st.st_size, st.st_mtime_ns]


def _package_folders() -> list[str]:
    """The engine's, the built-in plugins' and the grammar's folders, found without importing them."""
    from importlib.util import find_spec

    folders = [os.path.dirname(os.path.realpath(__file__))]
    for name in (f"{__package__}.plugins", f"{__package__}.grammars"):
        spec = find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders.extend(os.path.realpath(location) for location in spec.submodule_search_locations)
    return folders


def _package_files(skip: str | None = None):
    """(root, path) of each of lawlint's own code, grammar and data files, once (an installed
    package holds its plugins and grammars: their folders are walked with it), in a fixed order.
    ``skip`` is a folder left out."""
    roots: list[str] = []
    for root in map(os.fspath, _package_folders()):
        if any(root == seen or root.startswith(os.path.join(seen, "")) for seen in roots):
            continue
        roots.append(root)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__pycache__"))
                                 and os.path.join(dirpath, d) != skip)
            for name in sorted(filenames):
                if not name.endswith(".pyc"):
                    yield root, os.path.join(dirpath, name)


_package_stamps: list | None = None


def package_stamps() -> list:
    """The stamps of lawlint's own code, grammar and data files (taken once a process)."""
    global _package_stamps
    if _package_stamps is None:
        _package_stamps = [file_stamp(path) for _, path in _package_files()]
    return _package_stamps


def package_fingerprint() -> str:
    """A hash over package_stamps(): it changes whenever lawlint's code or data changes."""
    return _hash(_key_text(package_stamps())).hexdigest()


def content_fingerprint(skip: str | os.PathLike | None = None) -> str:
    """A hash over the names and bytes of lawlint's own code, grammar and data files (not their
    stamps, which an install changes): what the shipped builds were made from.  ``skip`` is a
    folder left out (the shipped builds themselves)."""
    digest = _hash()
    for root, path in _package_files(None if skip is None else os.fspath(skip)):
        with open(path, "rb") as file:
            content = file.read()
        # The name below the root, as os.path.relpath gives it (which costs a --no-cache run
        # ~1 ms over ~90 files: it makes both paths absolute first).
        digest.update(path[len(root) + 1:].replace(os.sep, "/").encode() + b"\0")
        digest.update(_hash(content).digest())
    return digest.hexdigest()


def code_fingerprint(extra_modules=()) -> str:
    """A hash over the stamps of lawlint's own code, grammar and data files and of local rule modules."""
    stamps = list(package_stamps())
    for name in extra_modules:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None):
            stamps.append(file_stamp(module.__file__))
    return _hash(_key_text(stamps)).hexdigest()


class Cache:
    def __init__(self, folder: str | os.PathLike, context_key: str):
        """``context_key``: what every entry of this run shares (version, code, data, CLI settings)."""
        self.folder = os.fspath(folder)
        self.context_key = context_key
        self.writable = True

    def key(self, settings_key: str, shown_path: str, content: bytes) -> str:
        h = _hash()
        for part in (self.context_key, settings_key, shown_path):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        h.update(_hash(content).digest())
        return h.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self.folder, FORMAT, key[:2], key)

    def get(self, key: str):
        try:
            with open(self._entry(key), "rb") as file:
                data = file.read()
        except OSError:
            return None
        if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + _DIGEST:
            return None
        digest, payload = data[len(_MAGIC):len(_MAGIC) + _DIGEST], data[len(_MAGIC) + _DIGEST:]
        if _hash(payload).digest() != digest:
            return None  # torn or tampered entry
        try:
            return unpickle(payload)
        except Exception:
            return None

    def put(self, key: str, value) -> None:
        if not self.writable:
            return
        payload = pickled(value)
        entry = self._entry(key)
        try:
            self._prepare()
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            write_atomically(entry, _MAGIC + _hash(payload).digest() + payload, durable=False)
        except OSError:
            self.writable = False  # a read-only or full disk: lint on without the cache

    def _prepare(self) -> None:
        prepare_folder(self.folder)


def prepare_folder(folder: str | os.PathLike) -> None:
    """Mark the folder as a cache for backup tools and git, once (as ruff does)."""
    tag = os.path.join(folder, "CACHEDIR.TAG")
    if os.path.exists(tag):
        return
    os.makedirs(folder, exist_ok=True)
    _write_text(os.path.join(folder, ".gitignore"), "# Automatically created by lawlint.\n*\n")
    _write_text(tag, "Signature: 8a477f597d28d172789f06886806bc55\n"
                     "# This file is a cache directory tag created by lawlint.\n")


def _write_text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def context_key(*, registry, cli_settings, extra_modules=()) -> str:
    """What all entries of a run share.  ``registry`` is None when only built-in rules run: the
    stamps of the package folders then stand for their code and data, and no rule is imported."""
    parts = {
        "version": __version__,
        "code": code_fingerprint(extra_modules),
        "data": "built-in" if registry is None else stable(getattr(registry, "data_versions", {}) or {}),
        "rules": "built-in" if registry is None else sorted(getattr(registry, "plugin_of", {}).items()),
        "cli": stable(cli_settings),
    }
    return _hash(_key_text(parts)).hexdigest()


def settings_key(config) -> str:
    """The configuration's part of a key, with the files it names stamped (profiles, dictionaries)."""
    data = stable(config)
    data["_files"] = [file_stamp(p) for p in (*config.profile_files, *config.dictionaries)]
    if config.path is not None:
        data["_config"] = file_stamp(config.path)
    return _hash(_key_text(data)).hexdigest()
