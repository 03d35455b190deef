"""Helpers shared by the output formats: where a diagnostic is (line or .docx paragraph), the
quoted paragraph text, stable fingerprints, repository-relative paths and byte columns."""

from __future__ import annotations

import os

from ..digest import sha256
from ..regexhint import lazy

QUOTE_WIDTH = 30  # characters of a .docx paragraph quoted in text output
QUOTE_CONTEXT = 10  # characters kept on each side of the span when a paragraph is shortened
FINGERPRINT_KEY = "lawlint/v1"

_SPACES = lazy(r"\s+")


def is_docx(diag) -> bool:
    """A diagnostic on a .docx source: its line is a paragraph index, not a line of a file."""
    return diag.extra.get("kind") == "docx"


def safe_fix(diag) -> bool:
    """lawlint --fix would apply this diagnostic's fix: a safe fix (unsafe ones need
    --unsafe-fixes) in a text file (--fix never rewrites a .docx)."""
    return diag.fix is not None and diag.fix.applicability.value == "safe" and not is_docx(diag)


def place(diag) -> str:
    """``12:5`` for a text file, ``第12段`` for a .docx paragraph."""
    if is_docx(diag):
        return f"第{diag.line}段"
    return f"{diag.line}:{diag.column}"


def quote_paragraph(diag, width: int = QUOTE_WIDTH, context: int = QUOTE_CONTEXT) -> str:
    """The paragraph of a .docx diagnostic, shortened around the span, in 「」."""
    text = diag.source_line
    start = max(diag.column - 1, 0)
    end = diag.end_column - 1 if diag.end_line == diag.line else len(text)
    end = min(max(end, start), len(text))
    if len(text.strip()) <= width:
        return f"「{text.strip()}」"
    left = max(start - context, 0)
    right = min(max(end, start + 1) + context, len(text), left + width + context)
    shown = text[left:right].strip()
    prefix = "…" if text[:left].strip() else ""
    suffix = "…" if text[right:].strip() else ""
    return f"「{prefix}{shown}{suffix}」"


def normalised_line(text: str) -> str:
    """Line text for fingerprints: surrounding white space dropped, inner runs made one space."""
    return _SPACES.sub(" ", text.strip())


def fingerprints(diagnostics) -> list[str]:
    """One fingerprint per diagnostic that survives lines inserted above it.

    It hashes (path, code, normalised text of the line, occurrence index among diagnostics with
    the same path, code and line text), never the line number.
    """
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for diag in diagnostics:
        key = (diag.path, diag.code, normalised_line(diag.source_line))
        index = seen.get(key, 0)
        seen[key] = index + 1
        payload = "\x1f".join((*key, str(index)))
        out.append(sha256(payload.encode("utf-8")).hexdigest()[:32])
    return out


def relative_path(path: str) -> str:
    """The path as a repository-relative POSIX path when it lies under the working directory."""
    if path == "-":
        return path
    from pathlib import Path, PurePosixPath  # (only the formats that name files for a repository)

    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path(os.getcwd()))
        except ValueError:
            return p.as_posix()
    return PurePosixPath(*p.parts).as_posix() if p.parts else path


def artifact_uri(path: str) -> str:
    """A URI reference for SARIF: relative and percent-encoded, or file:// when outside the
    working directory."""
    from pathlib import Path
    from urllib.parse import quote

    rel = relative_path(path)
    if Path(rel).is_absolute():
        return Path(rel).as_uri()
    return quote(rel, safe="/")


def line_texts(options) -> dict[str, list[str]]:
    """path → the text of every line, from the linted files the CLI passed in."""
    texts = {}
    for result in options.results:
        texts[result.path] = [line.text for line in result.doc.lines]
    return texts


def byte_column(line_text: str, column: int) -> int:
    """A 1-based code-point column turned into a 1-based UTF-8 byte column."""
    return len(line_text[: max(column - 1, 0)].encode("utf-8")) + 1


def line_of(texts: dict[str, list[str]], diag, number: int) -> str:
    if number == diag.line:
        return diag.source_line
    lines = texts.get(diag.path, [])
    return lines[number - 1] if 0 < number <= len(lines) else ""


_SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_label(value: str) -> str:
    return _SEVERITY_LABEL.get(value, value)
