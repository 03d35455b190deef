"""The Rule base class that every rule (built-in or third-party) subclasses."""

from __future__ import annotations

from datetime import date

from .diagnostics import Finding, Fix, Severity
from .records import Record
from .regexhint import lazy

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms of a one-file run)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import ClassVar

    from .document import Document

CODE_PATTERN = lazy(r"^[A-Z][0-9]{3}$")
NAME_PATTERN = lazy(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleContext(Record):
    """What a rule may know besides the document: settings, never the CLI or config loader."""

    __slots__ = ("today", "report_year", "options")

    def __init__(self, today: date | None = None, report_year: int | None = None, options: dict | None = None):
        self.today = date.today() if today is None else today
        self.report_year = report_year  # an override from the configuration
        self.options = {} if options is None else options  # settings by key, e.g. "profile"

    def option(self, key: str, default=None):
        return self.options.get(key, default)


class Rule:
    """Base class of a lint rule.

    Subclasses set ``code`` (family letter + 3 digits), ``name`` (kebab-case), ``severity``,
    ``summary`` (one Chinese line), ``norm`` (the standard or rule it enforces), ``bad`` and
    ``good`` example texts, and write a docstring saying why the rule matters.  ``check`` yields
    Findings; the engine turns them into Diagnostics with positions.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    norm: ClassVar[str] = ""
    bad: ClassVar[str] = ""
    good: ClassVar[str] = ""
    fixable: ClassVar[bool] = False

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        raise NotImplementedError

    # Helpers for subclasses -------------------------------------------------------------------

    @staticmethod
    def finding(start: int, end: int, message: str, fix: Fix | None = None, data: dict | None = None) -> Finding:
        return Finding(start=start, end=end, message=message, fix=fix, data=data)

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @property
    def family(self) -> str:
        return self.code[:1]


def validate_rule_class(rule: type) -> list[str]:
    """Problems that stop a rule from being registered (empty when it is fine)."""
    problems = []
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        return [f"{rule!r} is not a Rule subclass"]
    if not CODE_PATTERN.match(rule.code or ""):
        problems.append(f"{rule.__name__}: code {rule.code!r} is not a letter and three digits")
    if not NAME_PATTERN.match(rule.name or ""):
        problems.append(f"{rule.__name__}: name {rule.name!r} is not kebab-case")
    if not isinstance(rule.severity, Severity):
        problems.append(f"{rule.__name__}: severity must be a Severity")
    return problems
