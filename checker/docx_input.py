"""Read a .docx into report text: one line per paragraph, Word's automatic numbers written out.

Reviewers receive .docx files.  python-docx reads the OOXML package; this module walks the body
(paragraphs, table cells, content controls) in document order and rebuilds the labels that Word
draws from the numbering part ("一、", "（一）", "1.") but that are not in the paragraph's text, so
the heading rules see what the reader sees.  Line N of the produced text is body paragraph N.

Size limits (zip bombs): the package is refused when an XML part would unpack to more than
MAX_XML_PART bytes or the whole package to more than MAX_UNPACKED bytes.  zipfile never reads past
a member's declared size, so checking the declared sizes bounds the memory used.
"""

from __future__ import annotations

import io
import zipfile

from .numerals import int_to_chinese
from .records import Record

MAX_XML_PART = 32 * 1024 * 1024  # a 200-page report's document.xml is a few MB
MAX_UNPACKED = 256 * 1024 * 1024  # all parts together, pictures included

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_q(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_VAL = _q("val")


class DocxError(Exception):
    """A .docx that cannot be read; the message is one Chinese line."""


class DocxText(Record):
    __slots__ = ("text", "labels")

    def __init__(self, text: str, labels: dict[int, str] | None = None):
        self.text = text  # one line per paragraph, "\n" line ends
        self.labels = {} if labels is None else labels  # line number -> automatic number label


# ---------------------------------------------------------------------------------------------
# The package


def check_package(data: bytes) -> None:
    """Refuse what is not a zip, and zip bombs, before python-docx unpacks anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise DocxError("不是有效的 .docx 文件（不是 zip 压缩包），可能已损坏或只是改了扩展名") from None
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        biggest_xml = max((info.file_size for info in infos if info.filename.endswith(".xml")), default=0)
        if biggest_xml > MAX_XML_PART or total > MAX_UNPACKED:
            raise DocxError(
                f"拒绝读取：解压后过大（{total // (1024 * 1024)} MB；上限为单个 XML 部件 "
                f"{MAX_XML_PART // (1024 * 1024)} MB、全部 {MAX_UNPACKED // (1024 * 1024)} MB），"
                "可能是损坏的文件或压缩炸弹"
            )
        if "word/document.xml" not in {info.filename for info in infos} and not any(
            info.filename.endswith("document.xml") for info in infos
        ):
            raise DocxError("不是 Word 文档：压缩包中没有 document.xml")


def read_docx(data: bytes) -> DocxText:
    check_package(data)
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise DocxError("读取 .docx 需要 python-docx，请先安装：pip install python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
        return _extract(document)
    except DocxError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged packages
        raise DocxError(f"无法读取 .docx 文件，文件可能已损坏（{type(exc).__name__}）") from None


def _extract(document) -> DocxText:
    styles = _Styles(_part_element(document.part, "styles"))
    numbering = _Numbering(_part_element(document.part, "numbering"), styles)
    lines: list[str] = []
    labels: dict[int, str] = {}
    for p in _body_paragraphs(document.element.body):
        label = numbering.label(p)
        text = _paragraph_text(p)
        if label:
            labels[len(lines) + 1] = label
        lines.append(label + text)
    return DocxText(text="\n".join(lines), labels=labels)


def _part_element(document_part, which: str):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    reltype = {"styles": RT.STYLES, "numbering": RT.NUMBERING}[which]
    try:
        return document_part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


# ---------------------------------------------------------------------------------------------
# Paragraphs in document order


def _body_paragraphs(container):
    """Paragraphs of the body in reading order: tables cell by cell, content controls opened."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            yield child
        elif tag == _TBL:
            for row in child.iterchildren(_TR):
                for cell in row.iterchildren(_TC):
                    yield from _body_paragraphs(cell)
        elif tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _body_paragraphs(content)
        elif tag in (_q("customXml"), _q("ins"), _q("moveTo")):
            yield from _body_paragraphs(child)


# Subtrees whose text the reader does not see in this paragraph: properties, deleted text, field
# instructions, and text boxes or pictures anchored in a run (their paragraphs are separate).
_SKIP = {_q(t) for t in ("pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "txbxContent",
                         "drawing", "pict", "object", "footnoteReference", "endnoteReference",
                         "commentReference", "rt")}  # w:rt: ruby text shown above the line
_SKIP.add(f"{{{_MC}}}Fallback")  # mc:AlternateContent shows Choice; Fallback repeats it
_T, _TAB, _BR, _CR, _NB_HYPHEN, _SOFT_HYPHEN = (
    _q(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"))


_R, _VANISH = _q("r"), _q("vanish")


def _hidden(run) -> bool:
    """A run formatted as hidden text (w:vanish): Word does not show or print it."""
    rpr = run.find(_q("rPr"))
    vanish = rpr.find(_VANISH) if rpr is not None else None
    return vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def walk(element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _R and _hidden(child):
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append(" ")  # one line per paragraph: a manual line break becomes a space
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag == _SOFT_HYPHEN:
                continue
            else:
                walk(child)

    walk(p)
    return "".join(parts).replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\x0b", " ")


# ---------------------------------------------------------------------------------------------
# Styles: where a paragraph inherits its numbering from


class _Styles:
    def __init__(self, root):
        self.by_id: dict[str, object] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for style in root.iterchildren(_q("style")):
            style_id = style.get(_q("styleId"))
            if style_id:
                self.by_id[style_id] = style
                if style.get(_q("type")) == "paragraph" and style.get(_q("default")) in ("1", "true", "on"):
                    self.default_paragraph = style_id

    def chain(self, style_id: str | None):
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style_id, style
            based = style.find(_q("basedOn"))
            style_id = based.get(_VAL) if based is not None else None


def _num_pr(element):
    ppr = element.find(_q("pPr"))
    return ppr.find(_q("numPr")) if ppr is not None else None


def _child_val(element, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(_q(tag))
    return child.get(_VAL) if child is not None else None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------------------------------------
# Numbering: w:num -> w:abstractNum -> w:lvl, with counters per list


class _Level(Record):
    __slots__ = ("fmt", "text", "start", "restart", "style", "legal")

    def __init__(self):
        self.fmt = "decimal"
        self.text = ""
        self.start = 0  # ECMA-376 17.9.26: an omitted w:start means zero
        self.restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
        self.style: str | None = None  # w:pStyle: the paragraph style bound to this level
        self.legal = False  # w:isLgl: all levels shown as decimal


def _read_level(lvl) -> _Level:
    level = _Level()
    level.fmt = _child_val(lvl, "numFmt") or "decimal"
    level.text = _child_val(lvl, "lvlText") or ""
    level.start = _int(_child_val(lvl, "start"), 0)
    level.restart = _int(_child_val(lvl, "lvlRestart"))
    level.style = _child_val(lvl, "pStyle")
    legal = lvl.find(_q("isLgl"))
    level.legal = legal is not None and legal.get(_VAL) not in ("0", "false", "off")
    return level


class _Numbering:
    def __init__(self, root, styles: _Styles):
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNum id -> numbering style it links to
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}  # per abstractNum: level -> last value
        self.started_nums: set[str] = set()
        self._style_cache: dict[str | None, tuple[str | None, int | None]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(_q("abstractNum")):
            aid = abstract.get(_q("abstractNumId"))
            self.abstract[aid] = {
                _int(lvl.get(_q("ilvl")), 0): _read_level(lvl) for lvl in abstract.iterchildren(_q("lvl"))
            }
            link = _child_val(abstract, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for num in root.iterchildren(_q("num")):
            num_id = num.get(_q("numId"))
            aid = _child_val(num, "abstractNumId")
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for override in num.iterchildren(_q("lvlOverride")):
                ilvl = _int(override.get(_q("ilvl")), 0)
                start = _int(_child_val(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(_q("lvl"))
                if lvl is not None:
                    levels[ilvl] = _read_level(lvl)
            self.nums[num_id] = (aid, starts, levels)

    def _resolve_abstract(self, aid: str | None) -> str | None:
        """Follow w:numStyleLink once: the abstractNum that really holds the levels."""
        link = self.style_links.get(aid)
        if link is None:
            return aid
        for _, style in self.styles.chain(link):
            num_id = _child_val(_num_pr(style), "numId")
            if num_id in self.nums:
                target = self.nums[num_id][0]
                if target != aid and target in self.abstract:
                    return target
        return aid

    def _paragraph_numbering(self, p) -> tuple[str | None, int | None]:
        """(numId, ilvl) of a paragraph: its own w:numPr, else its style chain's."""
        ppr = p.find(_q("pPr"))
        own = ppr.find(_q("numPr")) if ppr is not None else None
        num_id = _child_val(own, "numId")
        ilvl = _int(_child_val(own, "ilvl"))
        if num_id is None or ilvl is None:
            style_id = _child_val(ppr, "pStyle") or self.styles.default_paragraph
            style_num_id, style_ilvl = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else style_num_id
            ilvl = ilvl if ilvl is not None else style_ilvl
        return num_id, ilvl if ilvl is not None else 0

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, through its basedOn chain; once per style."""
        if style_id in self._style_cache:
            return self._style_cache[style_id]
        num_id = ilvl = numbered_style = None
        for sid, style in self.styles.chain(style_id):
            pr = _num_pr(style)
            if pr is None:
                continue
            if num_id is None:
                num_id = _child_val(pr, "numId")
                numbered_style = sid
            if ilvl is None:
                ilvl = _int(_child_val(pr, "ilvl"))
            if num_id is not None and ilvl is not None:
                break
        if num_id is not None and ilvl is None and numbered_style is not None:
            # Word binds a level to a style with w:pStyle inside the level definition.
            ilvl = self._level_of_style(num_id, numbered_style)
        self._style_cache[style_id] = (num_id, ilvl)
        return num_id, ilvl

    def _level_of_style(self, num_id: str, style_id: str) -> int | None:
        aid = self._resolve_abstract(self.nums.get(num_id, (None,))[0])
        for ilvl, level in self.abstract.get(aid, {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def label(self, p) -> str:
        num_id, ilvl = self._paragraph_numbering(p)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        aid, starts, overridden = self.nums[num_id]
        aid = self._resolve_abstract(aid)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(overridden)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started_nums:
            # A w:num with w:startOverride restarts its list the first time it is used.
            self.started_nums.add(num_id)
            for level_index, start in starts.items():
                counters[level_index] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        return _fill(level.text, levels, counters, legal=level.legal)


def _fill(template: str, levels: dict[int, _Level], counters: dict[int, int], legal: bool) -> str:
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
            index = int(template[i + 1]) - 1
            level = levels.get(index, _Level())
            value = counters.get(index, level.start)
            out.append(format_number(value, "decimal" if legal else level.fmt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's w:numFmt formats (the ones Chinese reports use)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return "〇" if value == 0 else int_to_chinese(value)
    if fmt == "ideographTraditional":  # ECMA-376 17.18.59: the heavenly stems 甲乙丙…
        return _STEMS[(value - 1) % 10] if value > 0 else str(value)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("decimalEnclosedCircleChinese", "decimalEnclosedCircle"):
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = _letter(value)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, numeral in _ROMAN:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out) or str(value)


def _letter(value: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ
    if value <= 0:
        return str(value)
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
