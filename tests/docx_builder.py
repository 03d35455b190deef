"""Build real .docx files for the tests with python-docx, including a hand-written numbering part.

Word's automatic numbers ("一、", "（一）", "1.") live in word/numbering.xml, not in the paragraph
text; these helpers write that part the way Word does, so the reader in lawlint.docx_input is
tested against real OOXML rather than against its own assumptions.
"""

from __future__ import annotations

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def level_xml(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None) -> str:
    restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart_xml}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def abstract_xml(abstract_id: int, levels: list[str]) -> str:
    return (f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')


def num_xml(num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    return f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


# The report outline as Word's "一、/（一）/1." multilevel list: chineseCounting, then decimal.
REPORT_OUTLINE = abstract_xml(0, [
    level_xml(0, "chineseCounting", "%1、"),
    level_xml(1, "chineseCounting", "（%2）"),
    level_xml(2, "decimal", "%3."),
])


def new_document(abstracts: list[str], nums: list[str]):
    """A document whose numbering part holds exactly the given definitions (abstracts first)."""
    document = Document()
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for xml in abstracts + nums:
        numbering.append(parse_xml(xml))
    return document


def numbered(document, text: str, num_id: int, ilvl: int = 0):
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def numbered_style(document, name: str, num_id: int, ilvl: int | None = None):
    """A paragraph style that carries the numbering, as Word's heading styles do."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'))
    return style
