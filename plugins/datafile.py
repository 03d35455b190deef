"""Reading the data files that ship beside the rule plugins, and naming their versions.

Every family keeps its word lists, titles and tables in a file in this package; ``lawlint
--version`` names each file by its declared version and a short content hash, so an edit shows
even when nobody bumped the version line.
"""

from __future__ import annotations

import os
import re
from functools import cache

from lawlint.digest import sha256
from lawlint.regexhint import lazy

# The folder beside this module (importlib.resources would cost ~9 ms of imports at every start,
# pathlib ~5 ms).
FOLDER = os.path.dirname(os.path.realpath(__file__))
_VERSION_LINE = lazy(r"^#\s*version\s*=\s*(\S+)", re.MULTILINE)


def read_data(name: str) -> str:
    with open(os.path.join(FOLDER, name), encoding="utf-8") as file:
        return file.read()


def data_bytes(name: str) -> bytes:
    """A data file's bytes, to key what is built from it: reading a file as text (decoded, its
    line ends translated) takes several times as long, ~1 ms for the dictionary."""
    with open(os.path.join(FOLDER, name), "rb") as file:
        return file.read()


@cache
def load_toml(name: str) -> dict:
    """A data file's tables; a previous run's parse when the cache folder holds one (tomllib is
    pure Python: the dictionary alone took ~0.1 s to parse at every start)."""
    from lawlint.buildcache import plain_build

    def parse() -> dict:
        import tomllib

        return tomllib.loads(read_data(name))

    return plain_build(f"toml-{name}", data_bytes(name), parse)


def content_hash(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return sha256(data).hexdigest()[:12]


def versioned(declared: str, text: str | bytes) -> str:
    """ "2026.11.1 (1f84e622f760)": the declared version and the content hash."""
    return f"{declared} ({content_hash(text)})"


def data_version(text: str) -> str:
    """The "# version = …" comment line of a data file and a short content hash."""
    match = _VERSION_LINE.search(text)
    return versioned(match.group(1), text) if match else content_hash(text)
