"""--format json: one JSON array for the whole run; --format json-lines: one object per line.

The keys are a stable contract: path, code, rule, severity, message, line, column, end_line,
end_column (1-based, columns in code points, ends exclusive; for a .docx the line is the paragraph
index) and fix, in ruff's shape: {"applicability", "message", "edits": [{"content", "line",
"column", "end_line", "end_column"}]}.
"""

from __future__ import annotations

import json


def fix_object(diag) -> dict | None:
    if diag.fix is None:
        return None
    return {
        "applicability": diag.fix.applicability.value,
        "message": diag.fix.message,
        "edits": [
            {"content": content, "line": line, "column": column, "end_line": end_line, "end_column": end_column}
            for content, line, column, end_line, end_column in diag.extra.get("edits", ())
        ],
    }


def as_dict(diag) -> dict:
    return {
        "path": diag.path,
        "code": diag.code,
        "rule": diag.rule,
        "severity": diag.severity.value,
        "message": diag.message,
        "line": diag.line,
        "column": diag.column,
        "end_line": diag.end_line,
        "end_column": diag.end_column,
        "fix": fix_object(diag),
    }


def write(diagnostics, stream, options) -> None:
    if options.format == "json-lines":
        for diag in diagnostics:
            stream.write(json.dumps(as_dict(diag), ensure_ascii=False) + "\n")
        return
    json.dump([as_dict(d) for d in diagnostics], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
