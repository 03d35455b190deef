"""Output formats.  Each module has ``write(diagnostics, stream, options)``; formats read
diagnostics (and, through ``options``, the linted files and the rule documentation the CLI
passes in), never the rule registry.  Modules are imported only when their format is chosen.
"""

from __future__ import annotations

import importlib

from ..records import Record

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


class OutputOptions(Record):
    __slots__ = ("format", "color", "rule_docs", "results", "version", "data_versions")

    def __init__(self, format: str = "concise", color: bool = False, rule_docs: dict | None = None,
                 results: list | None = None, version: str = "", data_versions: dict | None = None):
        self.format = format
        self.color = color
        # code → {"name", "summary", "severity", "norm", "doc", "bad", "good", "fixable"} for
        # formats that list rules (SARIF); filled by the CLI from the registry.
        self.rule_docs = {} if rule_docs is None else rule_docs
        # The linted files in order (engine.FileResult: path, doc, diagnostics), for formats that
        # list clean files (JUnit) or need the text of a line other than the first (byte columns).
        self.results = [] if results is None else results
        self.version = version
        self.data_versions = {} if data_versions is None else data_versions


def names() -> list[str]:
    return sorted(set(FORMATS) | set(ALIASES))


def writer(name: str):
    module = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    return module.write
