"""Write the sample .docx files in fixtures/docx/ (run: python tests/make_docx_fixtures.py).

The files are generated, not hand-edited, so that what they contain is reviewable here:
a report whose headings are numbered by Word (一、/（一）/1. from the numbering part), a table,
and one heading typed by the author with a skipped number (H101 on paragraph 10).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx_builder import REPORT_OUTLINE, new_document, num_xml, numbered  # noqa: E402

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "docx"


def report_numbering():
    doc = new_document([REPORT_OUTLINE], [num_xml(1, 0)])
    doc.add_paragraph("双河镇人民政府")  # 1
    doc.add_paragraph("关于2023年法治政府建设情况的报告")  # 2
    doc.add_paragraph("区人民政府：")  # 3
    numbered(doc, "主要举措", 1, 0)  # 4  一、
    numbered(doc, "推进依法决策", 1, 1)  # 5  （一）
    doc.add_paragraph("全年审查规范性文件12件，合法性审核率100%。")  # 6
    numbered(doc, "完善重大行政决策程序", 1, 2)  # 7  1.
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "行政复议案件"  # 8
    table.cell(0, 1).text = "3件"  # 9
    doc.add_paragraph("四、存在的不足")  # 10, typed: should be 二、
    return doc


SAMPLES = {"report_numbering.docx": report_numbering}


def main() -> None:
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    for name, build in SAMPLES.items():
        build().save(str(FIXTURE_DIR / name))


if __name__ == "__main__":
    main()
