"""``lawlint reports/ --summary``: one row per report for a reviewer with a folder of reports.

A row holds the issuer, the report year, the counts by severity and by rule family, and the
mandatory parts that section rules found missing (the ``missing_part`` value they put in a
finding's data).  Rows are sorted worst first: errors, then warnings.  Nothing here knows a rule
code; families are read off the diagnostics.
"""

from __future__ import annotations

from collections import Counter

from .records import Record
from .reportyear import report_year

MISSING_PART_KEY = "missing_part"
SEVERITIES = ("error", "warning", "info")
_HEADINGS = {"path": "报告", "issuer": "发文单位", "year": "年度", "error": "错误", "warning": "警告",
             "info": "提示", "missing": "缺少部分"}


class ReportRow(Record):
    __slots__ = ("path", "issuer", "year", "severities", "families", "missing")

    def __init__(self, path: str, issuer: str, year: int | None, severities: Counter | None = None,
                 families: Counter | None = None, missing: list[str] | None = None):
        self.path = path
        self.issuer = issuer
        self.year = year
        self.severities = Counter() if severities is None else severities
        self.families = Counter() if families is None else families
        self.missing = [] if missing is None else missing

    def sort_key(self) -> tuple:
        return (-self.severities["error"], -self.severities["warning"], -self.severities["info"], self.path)


def issuer_of(doc) -> str:
    lines = doc.title_block.issuer_lines or doc.closing.signature_lines
    return " ".join(line.content for line in lines if line.content)


def row_for(result, year_override: int | None = None) -> ReportRow:
    facts = getattr(result, "summary_facts", None)  # kept by the run when the document is dropped
    if facts is not None:
        issuer, year = facts[0], year_override if year_override is not None else facts[1]
    else:
        issuer, year = issuer_of(result.doc), report_year(result.doc, year_override).year
    row = ReportRow(path=result.path, issuer=issuer, year=year)
    for diag in result.diagnostics:
        row.severities[diag.severity.value] += 1
        row.families[diag.family] += 1
        part = (diag.extra.get("data") or {}).get(MISSING_PART_KEY)
        if part and part not in row.missing:
            row.missing.append(str(part))
    return row


def build(results, year_override: int | None = None) -> list[ReportRow]:
    return sorted((row_for(r, year_override) for r in results), key=ReportRow.sort_key)


def _families(rows: list[ReportRow]) -> list[str]:
    return sorted({family for row in rows for family in row.families})


def table(rows: list[ReportRow]) -> list[list[str]]:
    """The summary as a header row plus one row of strings per report."""
    families = _families(rows)
    header = [_HEADINGS["path"], _HEADINGS["issuer"], _HEADINGS["year"],
              *(_HEADINGS[s] for s in SEVERITIES), *families, _HEADINGS["missing"]]
    body = []
    for row in rows:
        body.append([
            row.path,
            row.issuer,
            str(row.year) if row.year is not None else "",
            *(str(row.severities[s]) for s in SEVERITIES),
            *(str(row.families[f]) for f in families),
            "、".join(row.missing),
        ])
    return [header, *body]


def write_text(rows: list[ReportRow], stream) -> None:
    """An aligned table (double-width characters counted as two columns); never wrapped."""
    from rich.cells import cell_len

    cells = [[value or "—" for value in line] for line in table(rows)]
    widths = [max(cell_len(line[i]) for line in cells) for i in range(len(cells[0]))]
    numeric = set(range(2, len(cells[0]) - 1))  # year and counts are right-aligned
    for line in cells:
        out = []
        for i, value in enumerate(line):
            pad = " " * (widths[i] - cell_len(value))
            out.append(pad + value if i in numeric else value + pad)
        stream.write("  ".join(out).rstrip() + "\n")
    stream.write(f"共 {len(rows)} 份报告。\n")


def write_csv(rows: list[ReportRow], stream) -> None:
    """CSV for a spreadsheet; the caller writes the UTF-8 byte order mark Excel needs."""
    import csv  # only the CSV table needs it

    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerows(table(rows))


def write_json(rows: list[ReportRow], stream) -> None:
    import json

    data = [
        {"path": r.path, "issuer": r.issuer, "year": r.year,
         "severities": {s: r.severities[s] for s in SEVERITIES},
         "families": dict(sorted(r.families.items())), "missing_parts": r.missing}
        for r in rows
    ]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
