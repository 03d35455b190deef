"""Output formats.  Each module has ``write(diagnostics, stream, options)``; formats read
diagnostics (and, through ``options``, the linted files and the rule documentation the CLI
passes in), never the rule registry.  Modules are imported only when their format is chosen.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

# format name → module (relative to this package)
FORMATS = {
    "full": "text",
    "concise": "text",
    "grouped": "text",
    "json": "json_format",
    "json-lines": "json_format",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "rdjson": "rdjson",
    "junit": "junit",
}
# "text" picks full on a terminal and concise otherwise; "csv" is only for the --summary table.
ALIASES = {"text": None, "csv": None}
TEXT_FORMATS = ("full", "concise", "grouped")


@dataclass
class OutputOptions:
    format: str = "concise"
    color: bool = False
    # code → {"name", "summary", "severity", "norm", "doc", "bad", "good", "fixable"} for formats
    # that list rules (SARIF); filled by the CLI from the registry.
    rule_docs: dict = field(default_factory=dict)
    # The linted files in order (engine.FileResult: path, doc, diagnostics), for formats that
    # list clean files (JUnit) or need the text of a line other than the first (byte columns).
    results: list = field(default_factory=list)
    version: str = ""
    data_versions: dict = field(default_factory=dict)


def names() -> list[str]:
    return sorted(set(FORMATS) | set(ALIASES))


def writer(name: str):
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return module.write
