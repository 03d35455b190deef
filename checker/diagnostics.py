"""The types a rule produces (Finding, Fix, Edit) and the engine reports (Diagnostic)."""

from __future__ import annotations

from collections import namedtuple
from enum import Enum

from .records import Record


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def fails(self) -> bool:
        """Info diagnostics are shown but do not change the exit status."""
        return self is not Severity.INFO


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(namedtuple("_Edit", "start end content")):
    """Replace text[start:end] (code-point offsets into Document.text) with content (a str)."""

    __slots__ = ()


class Fix(namedtuple("_Fix", "message edits applicability", defaults=(Applicability.SAFE,))):
    """A message, the Edits (a tuple) that make the fix, and its Applicability."""

    __slots__ = ()

    @classmethod
    def replace(cls, start: int, end: int, content: str, message: str,
                applicability: Applicability = Applicability.SAFE) -> "Fix":
        return cls(message=message, edits=(Edit(start, end, content),), applicability=applicability)

    @classmethod
    def delete(cls, start: int, end: int, message: str) -> "Fix":
        return cls.replace(start, end, "", message)


class Finding(namedtuple("_Finding", "start end message fix data", defaults=(None, None))):
    """What a rule reports: a span of the document text and a Chinese message, with a Fix or
    None.  ``data`` (a dict or None) holds structured facts about the finding for machine formats
    and the --summary table, e.g. {"missing_part": "第一责任人职责情况"}; keys are documented where
    they are read."""

    __slots__ = ()


class Diagnostic(Record):
    __slots__ = ("path", "code", "rule", "severity", "message", "line", "column", "end_line",
                 "end_column", "start", "end", "fix", "source_line", "extra")

    def __init__(self, path: str, code: str, rule: str, severity: Severity, message: str, line: int,
                 column: int, end_line: int, end_column: int,
                 start: int = 0,  # code-point offsets into the document text
                 end: int = 0,
                 fix: Fix | None = None,
                 source_line: str = "",  # the text of `line`, for code frames and fingerprints
                 extra: dict | None = None):
        self.path = path
        self.code = code
        self.rule = rule
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.start = start
        self.end = end
        self.fix = fix
        self.source_line = source_line
        self.extra = {} if extra is None else extra

    @property
    def family(self) -> str:
        return self.code[:1]

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column)
