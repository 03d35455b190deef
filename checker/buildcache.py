"""Built data kept between runs: parsed data files, indexes and compiled regexes.

A run that lints (a changed file under pre-commit, say) spends most of its start building things
that do not change between runs: TOML data parsed by tomllib (pure Python), indexes over the
~4,000 cited titles, and ~240 regexes, whose compilation (pure Python, and slow for the large CJK
character classes) alone costs ~0.1 s.  When the result cache is on, the session points this
module at a folder inside the cache folder; builds are stored there under a key of their inputs'
content, lawlint's version, a fingerprint of its code and data files and the Python version, and
read back by later runs.  Without a folder
(--no-cache, the API, the tests) everything is built afresh, and any unreadable or stale entry is
simply built again.

Compiled regexes are stored as the regex engine's own program (what ``re`` hands to
``_sre.compile``), keyed by the exact Python build and the engine's format number, so a program is
only ever given back to the engine version that made it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import cache
from pathlib import Path

from . import __version__

_folder: Path | None = None
_prepare = None  # marks the cache folder for git and backup tools before the first write
_regex: "_RegexPrograms | None" = None
_stamp = None  # a callable giving a fingerprint of the code that builds (its result kept in _stamped)
_stamped: str | None = None


def configure(folder: str | os.PathLike | None, prepare=None, stamp=None) -> None:
    """Keep builds in ``folder`` (created on the first write, after ``prepare()``); None builds
    everything afresh.  ``stamp()``, asked once, is a fingerprint of lawlint's code: a builder
    edited without a new version number must not be answered by what the old one built."""
    global _folder, _prepare, _regex, _stamp, _stamped
    _folder = Path(folder) if folder is not None else None
    _prepare = prepare
    _regex = None
    _stamp, _stamped = stamp, None


def _code_stamp() -> bytes:
    global _stamped
    if _stamped is None:
        _stamped = _stamp() if _stamp is not None else ""
    return _stamped.encode()


def _entry(name: str, source: bytes, suffix: str) -> Path | None:
    if _folder is None:
        return None
    digest = hashlib.sha256()
    for part in (__version__.encode(), _code_stamp(), sys.version.encode(), name.encode(), source):
        digest.update(hashlib.sha256(part).digest())
    return _folder / f"{name}-{digest.hexdigest()[:24]}{suffix}"


def _write(path: Path, data: bytes) -> None:
    from .atomic import write_atomically

    try:
        if _prepare is not None:
            _prepare()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data, durable=False)
    except OSError:
        pass  # a read-only or full disk: the next run builds again


def json_build(name: str, source: bytes, build):
    """``build()`` (a JSON value), or the copy a previous run stored for the same ``source``."""
    entry = _entry(name, source, ".json")
    if entry is not None:
        try:
            return json.loads(entry.read_bytes())
        except (OSError, ValueError):
            pass
    value = build()
    if entry is not None:
        try:
            data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):
            return value  # not plain JSON (a date, a tuple key): built afresh every time
        if json.loads(data) == value:
            _write(entry, data)
    return value


def pickle_build(name: str, source: bytes, build):
    """``build()`` (any picklable value), or the copy a previous run stored for the same ``source``.

    For indexes of plain objects that JSON cannot hold.  The folder is trusted as the result
    cache beside it is (its entries are pickles too); an entry that does not load is rebuilt."""
    import pickle

    entry = _entry(name, source, ".pickle")
    if entry is not None:
        try:
            return pickle.loads(entry.read_bytes())
        except Exception:  # noqa: BLE001 — missing, torn or from another build: build afresh
            pass
    value = build()
    if entry is not None:
        _write(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


# ---------------------------------------------------------------------------------------------
# Compiled regexes


def compile_regex(source: str, flags: int = 0) -> re.Pattern:
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


def _regex_store() -> "_RegexPrograms | None":
    global _regex
    if _folder is None:
        return None
    if _regex is None:
        _regex = _RegexPrograms(_folder)
    return _regex


class _RegexPrograms:
    """The programs of compiled regexes and facts derived from their sources, in one pickle.

    A program's code is kept as bytes (an array of the engine's code words), which loads far
    faster than a list of numbers; it is turned back into the list the engine takes on use."""

    def __init__(self, folder: Path):
        try:
            import _sre

            tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.version}"
        except (ImportError, AttributeError):
            tag = None  # not CPython's engine: compile as usual
        self.path = _entry("regex", tag.encode(), ".pickle") if tag else None
        self.programs: dict[str, tuple] = {}
        self.facts: dict[str, str | None] = {}
        self.added = False
        if self.path is not None:
            try:
                import pickle

                stored = pickle.loads(self.path.read_bytes())
                self.programs, self.facts = dict(stored["programs"]), dict(stored["facts"])
            except Exception:  # noqa: BLE001 — missing, torn or from another build: start empty
                self.programs, self.facts = {}, {}

    def compile(self, source: str, flags: int) -> re.Pattern:
        if self.path is None or not isinstance(source, str):
            return re.compile(source, flags)
        key = f"{flags}:{source}"
        program = self.programs.get(key)
        if program is not None:
            try:
                return _from_program(source, program)
            except Exception:  # noqa: BLE001 — a damaged entry: compile as usual
                pass
        pattern, program = _compile_with_program(source, flags)
        if program is not None:
            self.programs[key] = program
            self._added()
        return pattern

    def derived(self, key: str, compute):
        if key in self.facts:
            return self.facts[key]
        value = self.facts[key] = compute()
        if self.path is not None:
            self._added()
        return value

    def _added(self) -> None:
        if not self.added:
            self.added = True
            import atexit

            atexit.register(self.save)

    def save(self) -> None:
        if self.path is not None and self.added:
            import pickle

            data = {"programs": self.programs, "facts": self.facts}
            _write(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


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


def _from_program(source: str, program: tuple) -> re.Pattern:
    from array import array
    import _sre

    final_flags, code, groups, groupindex, indexgroup = program
    words = array(_code_typecode(), code).tolist()
    return _sre.compile(source, final_flags, words, groups, groupindex, indexgroup)


_checked = False  # whether this process compared a program it built with re.compile's


def _compile_with_program(source: str, flags: int):
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
