"""--format gitlab: a GitLab Code Quality report (a JSON array), also read by Gitee-style forges.

Each issue has description, check_name, fingerprint (stable when lines are inserted above),
severity (error → major, warning → minor, info → info) and location.path / location.lines.begin.
"""

from __future__ import annotations

import json

from .common import fingerprints, relative_path

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(diagnostics) -> list[dict]:
    out = []
    for diag, fingerprint in zip(diagnostics, fingerprints(diagnostics)):
        out.append({
            "type": "issue",
            "description": f"{diag.code} {diag.message}",
            "check_name": diag.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[diag.severity.value],
            "location": {
                "path": relative_path(diag.path),
                "lines": {"begin": diag.line, "end": diag.end_line},
            },
        })
    return out


def write(diagnostics, stream, options) -> None:
    json.dump(issues(diagnostics), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
