"""--format junit: JUnit XML for CI test reports (GitLab, Jenkins, Gitee pipelines).

One testsuite per linted file; one testcase per diagnostic — a failure for an error or warning,
a passing case carrying the text for an info diagnostic (info never fails the run) — and one
passing testcase for a file without diagnostics.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .common import place, severity_label
from .text import concise_line
from ..regexhint import lazy

# XML 1.0 cannot carry most C0 controls; a report converted from Word sometimes contains them.
_NOT_XML = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _paths(diagnostics, options) -> list[str]:
    paths = [result.path for result in options.results]
    for diag in diagnostics:
        if diag.path not in paths:
            paths.append(diag.path)
    return paths


def build(diagnostics, options) -> ET.Element:
    by_path: dict[str, list] = {}
    for diag in diagnostics:
        by_path.setdefault(diag.path, []).append(diag)
    root = ET.Element("testsuites", name="lawlint")
    total = failures = 0
    for path in _paths(diagnostics, options):
        diags = by_path.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        suite_failures = 0
        for diag in diags:
            case = ET.SubElement(suite, "testcase", name=_clean(f"{diag.code} {place(diag)}"),
                                 classname=_clean(path), file=_clean(path), line=str(diag.line))
            text = _clean(concise_line(diag))
            if diag.severity.fails:
                suite_failures += 1
                failure = ET.SubElement(case, "failure", type=diag.code,
                                        message=_clean(f"{severity_label(diag.severity.value)}：{diag.message}"))
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
        if not diags:
            ET.SubElement(suite, "testcase", name="lawlint", classname=_clean(path), file=_clean(path))
        tests = max(len(diags), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += tests
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


def write(diagnostics, stream, options) -> None:
    root = build(diagnostics, options)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
