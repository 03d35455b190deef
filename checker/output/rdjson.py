"""--format rdjson: reviewdog Diagnostic Format (one JSON object for the run).

reviewdog counts columns in UTF-8 bytes (1-based, ends exclusive), so a column after a Chinese
character moves by three.  Fixes become suggestions.
"""

from __future__ import annotations

import json

from .common import byte_column, line_of, line_texts, relative_path

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _position(texts, diag, line: int, column: int) -> dict:
    return {"line": line, "column": byte_column(line_of(texts, diag, line), column)}


def diagnostic(diag, texts) -> dict:
    out = {
        "message": diag.message,
        "location": {
            "path": relative_path(diag.path),
            "range": {
                "start": _position(texts, diag, diag.line, diag.column),
                "end": _position(texts, diag, diag.end_line, diag.end_column),
            },
        },
        "severity": SEVERITY[diag.severity.value],
        "source": {"name": "lawlint"},
        "code": {"value": diag.code},
    }
    if diag.fix is not None:
        out["suggestions"] = [
            {
                "range": {
                    "start": _position(texts, diag, line, column),
                    "end": _position(texts, diag, end_line, end_column),
                },
                "text": content,
            }
            for content, line, column, end_line, end_column in diag.extra.get("edits", ())
        ]
    return out


def write(diagnostics, stream, options) -> None:
    texts = line_texts(options)
    document = {
        "source": {"name": "lawlint"},
        "diagnostics": [diagnostic(d, texts) for d in diagnostics],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
