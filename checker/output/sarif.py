"""--format sarif: SARIF 2.1.0, as GitHub code scanning accepts it.

One run; ``tool.driver.rules`` describes every rule that has a result (documentation from
``options.rule_docs``, filled by the CLI: formats never import rules).  Columns are Unicode code
points (``columnKind``).  ``partialFingerprints`` hash the path, code, normalised line text and
occurrence index, so an alert keeps its identity when lines are inserted above it.
"""

from __future__ import annotations

import json

from .common import FINGERPRINT_KEY, artifact_uri, fingerprints

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/lawlint/"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_HELP_LABELS = ("为什么", "依据", "错误示例", "正确示例")


def help_text(doc: dict) -> str:
    """The rule's documentation: why (docstring), the norm, a bad and a good example."""
    parts = []
    for label, key in zip(_HELP_LABELS, ("doc", "norm", "bad", "good")):
        value = (doc.get(key) or "").strip()
        if value:
            parts.append(f"{label}：\n{value}")
    return "\n\n".join(parts)


def help_markdown(doc: dict) -> str:
    parts = []
    if doc.get("doc"):
        parts.append(doc["doc"].strip())
    if doc.get("norm"):
        parts.append(f"**依据**：{doc['norm'].strip()}")
    for label, key in (("错误示例", "bad"), ("正确示例", "good")):
        if doc.get(key):
            parts.append(f"**{label}**：\n\n```text\n{doc[key].strip()}\n```")
    return "\n\n".join(parts)


def rule_descriptor(code: str, name: str, severity: str, doc: dict) -> dict:
    summary = doc.get("summary") or name
    descriptor = {
        "id": code,
        "name": doc.get("name") or name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": (doc.get("doc") or summary).strip()},
        "defaultConfiguration": {"level": LEVEL[doc.get("severity") or severity]},
        "properties": {"tags": [code[:1]], "fixable": bool(doc.get("fixable"))},
    }
    text = help_text(doc)
    if text:
        descriptor["help"] = {"text": text, "markdown": help_markdown(doc)}
    return descriptor


def _region(diag) -> dict:
    return {
        "startLine": diag.line,
        "startColumn": diag.column,
        "endLine": diag.end_line,
        "endColumn": diag.end_column,
    }


def _fixes(diag, uri: str) -> list[dict]:
    """The fix as SARIF ``fixes`` (viewers such as VS Code's offer to apply it)."""
    edits = diag.extra.get("edits", ())
    if diag.fix is None or not edits:
        return []
    replacements = [
        {
            "deletedRegion": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
            "insertedContent": {"text": content},
        }
        for content, line, column, end_line, end_column in edits
    ]
    return [{
        "description": {"text": diag.fix.message},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"applicability": diag.fix.applicability.value},
    }]


def sarif_log(diagnostics, options) -> dict:
    rules: list[dict] = []
    index_of: dict[str, int] = {}
    for diag in sorted(diagnostics, key=lambda d: d.code):
        if diag.code not in index_of:
            index_of[diag.code] = len(rules)
            rules.append(rule_descriptor(diag.code, diag.rule, diag.severity.value,
                                         options.rule_docs.get(diag.code, {})))
    results = []
    for diag, fingerprint in zip(diagnostics, fingerprints(diagnostics)):
        uri = artifact_uri(diag.path)
        result = {
            "ruleId": diag.code,
            "ruleIndex": index_of[diag.code],
            "level": LEVEL[diag.severity.value],
            "message": {"text": diag.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": _region(diag),
                },
            }],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        fixes = _fixes(diag, uri)
        if fixes:
            result["fixes"] = fixes
        results.append(result)
    driver = {
        "name": "lawlint",
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    if options.version:
        driver["version"] = options.version
        driver["semanticVersion"] = options.version
    if options.data_versions:
        driver["properties"] = {"dataVersions": dict(sorted(options.data_versions.items()))}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def write(diagnostics, stream, options) -> None:
    json.dump(sarif_log(diagnostics, options), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
