"""Output formats.  Each module has ``write(diagnostics, stream, options)``; formats read
diagnostics, never rules.  Modules are imported only when their format is chosen."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

# format name → module (relative to this package)
FORMATS = {
    "full": "text",
    "concise": "text",
    "json": "json_format",
}
# "text" picks full on a terminal and concise otherwise.
ALIASES = {"text": None}


@dataclass
class OutputOptions:
    format: str = "concise"
    color: bool = False
    rule_docs: dict = field(default_factory=dict)  # code → {"name", "summary", ...} for formats that list rules


def names() -> list[str]:
    return sorted(set(FORMATS) | set(ALIASES))


def writer(name: str):
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return module.write
