"""Drop diagnostics that a configuration suppresses without touching the report.

A report cannot carry linter comments, so suppression lives beside it: per-file ignores (globs →
codes) and text-keyed ignores (a code or prefix plus the exact text its span covers, like Vale's
``Rule["text"] = NO``).
"""

from __future__ import annotations

from .config import Config
from .diagnostics import Diagnostic


def _matches(code: str, prefixes) -> bool:
    return any(prefix == "ALL" or code.startswith(prefix) for prefix in prefixes)


def suppress(diagnostics: list[Diagnostic], doc_text: str, config: Config, path) -> list[Diagnostic]:
    """The diagnostics that survive the configuration's per-file and text-keyed ignores."""
    ignored = config.ignored_codes_for(path)
    by_text = config.ignore_text
    if not ignored and not by_text:
        return diagnostics
    kept = []
    for diag in diagnostics:
        if ignored and _matches(diag.code, ignored):
            continue
        if by_text and _text_ignored(diag, doc_text, by_text):
            continue
        kept.append(diag)
    return kept


def _text_ignored(diag: Diagnostic, doc_text: str, by_text) -> bool:
    covered = doc_text[diag.start:diag.end]
    return any(diag.code.startswith(prefix) and covered in texts for prefix, texts in by_text)
