"""Shared by the W modules: reading their data files, and where the titles in 《》 are."""

from __future__ import annotations

import hashlib
import re
from lawlint.regexhint import lazy
import tomllib
from functools import cache
from importlib import resources

_DATA_PACKAGE = "lawlint.plugins"

# Marks that end a list item or a clause, and all punctuation and spacing (a fixed form or a
# repeated word never includes them).
CLAUSE_END = set("。；！？：\n")
PUNCTUATION = set("，。、；：！？“”‘’（）《》〈〉【】〔〕…—·,.;:!?()[] \u3000\t\n")


def read_data(name: str) -> str:
    return resources.files(_DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def load_toml(name: str) -> dict:
    return tomllib.loads(read_data(name))


_VERSION_LINE = lazy(r"^#\s*version\s*=\s*(\S+)", re.MULTILINE)


def data_version(text: str) -> str:
    """The "# version = …" line of a data file and a short content hash (edits show even when
    nobody bumped the version line)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    match = _VERSION_LINE.search(text)
    return f"{match.group(1)} ({digest})" if match else digest


_TITLE = lazy(r"《[^《》\n]*》")


def title_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TITLE.finditer(text)]


def doc_title_spans(doc) -> list[tuple[int, int]]:
    return doc.fact("wording.title_spans", lambda d: title_spans(d.text))


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when start..end lies strictly inside one of spans (inside the 《》 marks)."""
    return any(s < start and end < e for s, e in spans)
