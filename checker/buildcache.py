"""Built data kept between runs: parsed data files, indexes and compiled regexes.

A run that lints (a changed file under pre-commit, say) spends most of its start building things
that do not change between runs: TOML data parsed by tomllib (pure Python), indexes over the
~4,000 cited titles, and ~240 regexes, whose compilation (pure Python, and slow for the large CJK
character classes) alone costs ~0.1 s.  When the result cache is on, the session points this
module at a folder inside the cache folder; builds are stored there under a key of their inputs'
content, lawlint's version, a fingerprint of its code and data files and the Python version, and
read back by later runs.  Without a folder (--no-cache, the API, the tests) nothing is stored,
and any unreadable or stale entry is simply built again.

An installed lawlint also ships the builds of its own data in a read-only folder beside this
module (``prebuilt``, made when the wheel is built: ``lawlint.prebuild``), so that a first run
after installing, and every --no-cache run, reads them instead of building (~0.2 s); the API and
the tests build afresh unless they configure that folder.  They are used only when the package's
files are byte for byte the ones they were built from: its manifest holds a digest of their
content, compared once (and remembered in the cache folder, keyed by the files' stamps).

Compiled regexes are stored as the regex engine's own program (what ``re`` hands to
``_sre.compile``), keyed by the exact Python build and the engine's format number, so a program is
only ever given back to the engine version that made it.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache

from . import __version__
from .cache import pickled, unpickle
from .digest import blake2b

_folder: str | None = None
_prepare = None  # marks the cache folder for git and backup tools before the first write
_regex: "_RegexPrograms | None" = None
_stamp = None  # a callable giving a fingerprint of the code that builds (its result kept in _stamped)
_stamped: str | None = None
_UNCHECKED = object()
_prebuilt_candidate: str | None = None  # a folder of shipped builds, not yet checked
_prebuilt = _UNCHECKED  # that folder once checked against the package's files, else None

PREBUILT = os.path.join(os.path.dirname(os.path.realpath(__file__)), "prebuilt")
MANIFEST = "MANIFEST.txt"  # "name value" lines: content (the files' digest) and python (its build)


def configure(folder: str | os.PathLike | None, prepare=None, stamp=None,
              prebuilt: str | os.PathLike | None = None) -> None:
    """Keep builds in ``folder`` (created on the first write, after ``prepare()``); None builds
    everything afresh.  ``stamp()``, asked once, is a fingerprint of lawlint's code: a builder
    edited without a new version number must not be answered by what the old one built.
    ``prebuilt`` is a folder of shipped builds (``PREBUILT``), read first when its manifest
    matches the package's files."""
    global _folder, _prepare, _regex, _stamp, _stamped, _prebuilt_candidate, _prebuilt
    _folder = os.fspath(folder) if folder is not None else None
    _prepare = prepare
    _regex = None
    _stamp, _stamped = stamp, None
    _prebuilt_candidate, _prebuilt = (None if prebuilt is None else os.fspath(prebuilt)), _UNCHECKED


def _code_stamp() -> bytes:
    global _stamped
    if _stamped is None:
        _stamped = _stamp() if _stamp is not None else ""
    return _stamped.encode()


def _key(name: str, source: bytes, code: bytes) -> str:
    digest = blake2b(digest_size=32)
    for part in (__version__.encode(), code, sys.version.encode(), name.encode(), source):
        digest.update(blake2b(part, digest_size=32).digest())
    return f"{name}-{digest.hexdigest()[:24]}"


def _entry(name: str, source: bytes, suffix: str) -> str | None:
    if _folder is None:
        return None
    return os.path.join(_folder, f"{_key(name, source, _code_stamp())}{suffix}")


def _shipped_entry(name: str, source: bytes, suffix: str) -> str | None:
    """Where the shipped builds hold this entry.  Its key has no code stamp: the manifest check
    already proved the code is the code that built it."""
    folder = _checked_prebuilt()
    return None if folder is None else os.path.join(folder, f"{_key(name, source, b'')}{suffix}")


def _checked_prebuilt() -> str | None:
    global _prebuilt
    if _prebuilt is _UNCHECKED:
        _prebuilt = _prebuilt_candidate if _prebuilt_matches(_prebuilt_candidate) else None
    return _prebuilt


def _prebuilt_matches(folder: str | None) -> bool:
    """Whether the shipped builds were made from exactly the package files installed now.

    Hashing the files' content costs a few ms, so a match is remembered in the cache folder under
    the files' stamps (size and modification time, the manifest's too), which any edit changes."""
    if folder is None or not os.path.isfile(os.path.join(folder, MANIFEST)):
        return False  # a development checkout, or a wheel built without them
    memo = None
    if _folder is not None:
        memo = os.path.join(_folder, f"{_key('prebuilt-matches', folder.encode(), _code_stamp())}.ok")
        if os.path.exists(memo):
            return True
    from .cache import content_fingerprint

    manifest = read_manifest(folder)
    if manifest.get("python") != _python_build():
        return False  # every entry is keyed by the Python build that made it: none would be found
    if manifest.get("content") != content_fingerprint(skip=folder):
        return False
    if memo is not None:
        _write(memo, b"")
    return True


def write_manifest(folder: str | os.PathLike, content: str) -> None:
    """The manifest of shipped builds made from package files whose digest is ``content``."""
    with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8") as file:
        file.write(f"content {content}\npython {_python_build()}\n")


def read_manifest(folder: str | os.PathLike) -> dict[str, str]:
    """A manifest's fields ({} when it cannot be read).  Plain lines, not JSON: a run without a
    cache folder reads it every time, and importing json costs ~3 ms."""
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as file:
            lines = file.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    return dict(line.split(" ", 1) for line in lines if " " in line)


def _python_build() -> str:
    return " ".join(sys.version.split())  # on one line: some builds put a newline in sys.version


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _write(path: str, data: bytes) -> None:
    from .atomic import write_atomically

    try:
        if _prepare is not None:
            _prepare()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomically(path, data, durable=False)
    except OSError:
        pass  # a read-only or full disk: the next run builds again


def plain_build(name: str, source: bytes, build):
    """``build()`` (plain data: dicts, lists, tuples, str, numbers, bools, None), or the copy a
    previous run stored for the same ``source``.  Stored with marshal, which reads them back
    exactly as built and loads fastest of all."""
    import marshal

    def dumped(value) -> bytes | None:
        try:
            return marshal.dumps(value)
        except ValueError:
            return None  # not plain data (a date, a named tuple): built afresh every time

    return _stored_or_built(name, source, ".marshal", marshal.loads, dumped, build)


def pickle_build(name: str, source: bytes, build):
    """``build()`` (any picklable value), or the copy a previous run stored for the same ``source``.

    For indexes of objects that marshal cannot hold (class instances).  The folder is trusted as the result
    cache beside it is (its entries are pickles too); an entry that does not load is rebuilt."""
    return _stored_or_built(name, source, ".pickle", unpickle, pickled, build)


def _stored_or_built(name: str, source: bytes, suffix: str, load, dump, build):
    """The shipped entry, else the cache folder's, else ``build()`` (stored in the cache folder
    when ``dump`` makes bytes of it)."""
    entry = _entry(name, source, suffix)
    for stored in (_shipped_entry(name, source, suffix), entry):
        if stored is not None:
            try:
                return load(_read(stored))
            except Exception:  # noqa: BLE001 — missing, torn or from another build: build afresh
                pass
    value = build()
    if entry is not None:
        data = dump(value)
        if data is not None:
            _write(entry, data)
    return value


# ---------------------------------------------------------------------------------------------
# Compiled regexes


def compile_regex(source: str | bytes, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from the stored program when a previous run compiled it."""
    store = _regex_store()
    return re.compile(source, flags) if store is None else store.compile(source, flags)


def derived(kind: str, key: str, compute):
    """``compute()`` (a str, or None), or the value a previous run stored for ``kind`` and ``key``.

    For small facts derived from a pattern's source by parsing it in pure Python (its first
    characters, say), which would otherwise be worked out again on every run."""
    store = _regex_store()
    if store is None:
        return compute()
    return store.derived(f"{kind}:{key}", compute)


def flush() -> None:
    """Store the programs compiled so far now rather than at exit."""
    if _regex is not None:
        _regex.save()


def _regex_store() -> "_RegexPrograms | None":
    global _regex
    if _regex is None:
        tag = _engine_tag()
        if tag is None:
            return None  # not CPython's engine: compile as usual
        own, shipped = _entry("regex", tag, ".pickle"), _shipped_entry("regex", tag, ".pickle")
        if own is None and shipped is None:
            return None
        _regex = _RegexPrograms(own, shipped)
    return _regex


@cache
def _engine_tag() -> bytes | None:
    """The exact Python build and regex engine a stored program is valid for."""
    try:
        import _sre

        return f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.version}".encode()
    except (ImportError, AttributeError):
        return None


class _RegexPrograms:
    """The programs of compiled regexes and facts derived from their sources, in one pickle.

    A program's code is kept as bytes (an array of the engine's code words), which loads far
    faster than a list of numbers; it is turned back into the list the engine takes on use.
    The shipped pickle (read-only) is read first; what this run adds goes to the cache folder's."""

    def __init__(self, path: str | None, shipped: str | None):
        self.path = path
        self.programs, self.facts = _load_programs(shipped)
        self.own_programs, self.own_facts = _load_programs(path)
        self.programs.update(self.own_programs)
        self.facts.update(self.own_facts)
        self.added = False

    def compile(self, source: str | bytes, flags: int) -> re.Pattern:
        # A bytes pattern's key holds its repr: "<flags>b:b'…'" never equals a str pattern's.
        key = f"{flags}:{source}" if isinstance(source, str) else f"{flags}b:{source!r}"
        program = self.programs.get(key)
        if program is not None:
            try:
                return _from_program(source, program)
            except Exception:  # noqa: BLE001 — a damaged entry: compile as usual
                pass
        pattern, program = _compile_with_program(source, flags)
        if program is not None and self.path is not None:
            self.programs[key] = self.own_programs[key] = program
            self._added()
        return pattern

    def derived(self, key: str, compute):
        if key in self.facts:
            return self.facts[key]
        value = self.facts[key] = compute()
        if self.path is not None:
            self.own_facts[key] = value
            self._added()
        return value

    def _added(self) -> None:
        if not self.added:
            self.added = True
            import atexit

            atexit.register(self.save)

    def save(self) -> None:
        if self.path is not None and self.added:
            _write(self.path, pickled({"programs": self.own_programs, "facts": self.own_facts}))


def _load_programs(path: str | None) -> tuple[dict, dict]:
    if path is not None:
        try:
            stored = unpickle(_read(path))
            return dict(stored["programs"]), dict(stored["facts"])
        except Exception:  # noqa: BLE001 — missing, torn or from another build: start empty
            pass
    return {}, {}


@cache
def _code_typecode() -> str:
    """The array type code whose items are the engine's code words."""
    from array import array
    import _sre

    for typecode in "IL":
        if array(typecode).itemsize == _sre.CODESIZE:
            return typecode
    raise ValueError("no array type holds the engine's code words")


def _code_bytes(code: list[int]) -> bytes:
    from array import array

    return array(_code_typecode(), code).tobytes()


def _from_program(source: str | bytes, program: tuple) -> re.Pattern:
    from array import array
    import _sre

    final_flags, code, groups, groupindex, indexgroup = program
    words = array(_code_typecode(), code).tolist()
    return _sre.compile(source, final_flags, words, groups, groupindex, indexgroup)


_checked = False  # whether this process compared a program it built with re.compile's


def _compile_with_program(source: str | bytes, flags: int):
    """The compiled pattern and the program re would hand to the engine (None if unavailable).

    This is ``re._compiler.compile`` step by step, keeping the program, so a pattern is compiled
    once whether or not it is stored.  The first pattern of a process is also compiled by
    ``re.compile`` and compared, so that a different ``re`` never goes unnoticed."""
    global _checked
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (flags | parsed.state.flags, _code_bytes(code), parsed.state.groups - 1,
                   groupindex, tuple(indexgroup))
        pattern = _from_program(source, program)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 — another Python's re: no program to keep
        return re.compile(source, flags), None
    if not _checked:
        expected = re.compile(source, flags)
        if pattern != expected:  # Pattern equality compares flags, program and source
            return expected, None
        _checked = True
    return pattern, program
