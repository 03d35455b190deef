"""--format github: GitHub Actions workflow commands, one annotation per diagnostic.

    ::error title=lawlint (H101),file=a.txt,line=8,col=1,endLine=8,endColumn=4::message

Info diagnostics become ``notice``.  When a span covers several lines the columns are dropped
(GitHub then marks the whole lines).  Escaping follows the runner's toolkit: ``%``, CR and LF in
the message; those plus ``:`` and ``,`` in the properties.
"""

from __future__ import annotations

from .common import relative_path

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diag) -> str:
    props = [
        ("title", f"lawlint ({diag.code})"),
        ("file", relative_path(diag.path)),
        ("line", str(diag.line)),
    ]
    single_line = diag.end_line == diag.line
    if single_line:
        props.append(("col", str(diag.column)))
    props.append(("endLine", str(diag.end_line)))
    if single_line:
        props.append(("endColumn", str(diag.end_column)))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMAND[diag.severity.value]} {rendered}::{escape_data(diag.message)}"


def write(diagnostics, stream, options) -> None:
    for diag in diagnostics:
        stream.write(annotation(diag) + "\n")
