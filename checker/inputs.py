"""Find the files to lint and read them into text, with a clear error for anything unreadable.

Inputs as reports really arrive: .txt in UTF-8 (with or without BOM), GB18030/GBK or UTF-16;
.md (read as plain text, see ``mask_markdown``); .docx (``lawlint.docx_input``); folders; shell
globs the shell did not expand; standard input.  Every input that cannot be read becomes an
InputError with one Chinese line; the CLI prints it and goes on with the other files.

What the input layer records in ``Source.meta`` (rules and --fix read it):

- ``kind``: "text", "markdown" or "docx" (for docx each line is a paragraph, 1-based).
- ``encoding``: the Python codec that writes the file back ("utf-8", "gb18030", "utf-16-le" …);
  ``bom``: whether the file started with a byte order mark.
- ``newline``: the dominant line ending ("\\n", "\\r\\n" or "\\r"); ``newline_counts``: how often
  each occurs; ``newline_minority``: 1-based numbers of the lines that end otherwise.
- ``masked``: [start, end] offsets of markup the input layer blanked (markdown heading marks).
- ``labels`` (docx): {line number: automatic number label Word draws in front of the text}.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterator

from .records import Record
from .regexhint import lazy

MAX_BYTES = 64 * 1024 * 1024  # larger files are refused with a message, not read into memory
TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCX_SUFFIXES = (".docx",)
WALKED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + DOCX_SUFFIXES
LOCK_FILE_PREFIX = "~$"  # Word's owner file beside an open document

_CONVERT = "请在 Word/WPS 中另存为 .docx 或 .txt 后再检查"
UNSUPPORTED_FORMATS = {
    ".doc": "Word 97-2003 格式（.doc）",
    ".wps": "WPS 文字格式（.wps）",
    ".pdf": "PDF 格式（.pdf）",
    ".odt": "OpenDocument 格式（.odt）",
    ".rtf": "RTF 格式（.rtf）",
    ".docm": "启用宏的 Word 格式（.docm）",
}
# Signatures that tell a renamed file for what it is, whatever its name says.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97-2003 或 WPS 格式（.doc/.wps）"),
    (b"%PDF-", "PDF 格式（.pdf）"),
    (b"{\\rtf", "RTF 格式（.rtf）"),
)


class InputError(Exception):
    """A file that cannot be linted; the message is one Chinese line for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


class Source(Record):
    __slots__ = ("path", "text", "meta")

    def __init__(self, path: str, text: str, meta: dict | None = None):
        self.path = path  # as shown to the user
        self.text = text
        self.meta = {} if meta is None else meta


class Target(Record):
    """One thing to lint: a file path, or standard input (shown under ``display``)."""

    __slots__ = ("display", "path")

    def __init__(self, display: str, path: str | os.PathLike | None):
        self.display = display
        self.path = path  # None for standard input


# ---------------------------------------------------------------------------------------------
# Targets


def iter_targets(args: list[str], stdin_filename: str | None = None) -> Iterator[Target | InputError]:
    for arg in args:
        if arg == "-":
            yield Target(display=stdin_filename or "-", path=None)
            continue
        # os.path, not pathlib: importing pathlib costs a one-file run ~5 ms.
        if os.path.isdir(arg):
            yield from _walk(arg)
        elif os.path.islink(arg) and not os.path.exists(arg):
            yield InputError(arg, "符号链接指向的文件不存在")
        elif os.path.exists(arg):
            yield Target(display=arg, path=arg)
        elif _has_magic(arg):
            yield from _expand_glob(arg)
        else:
            yield InputError(arg, "文件或目录不存在")


def _has_magic(arg: str) -> bool:
    """Whether ``arg`` holds a wildcard (glob.has_magic, without importing glob for every run)."""
    return any(char in arg for char in "*?[")


def _expand_glob(pattern: str) -> Iterator[Target | InputError]:
    """A pattern the shell left unexpanded (quoted, or Windows cmd): expand it ourselves."""
    import glob

    matches = sorted(glob.glob(pattern, recursive=True))
    matches = [m for m in matches if not os.path.basename(m).startswith(LOCK_FILE_PREFIX)]
    if not matches:
        yield InputError(pattern, "没有与该通配符匹配的文件")
        return
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(match)
        else:
            yield Target(display=match, path=match)


def _walk(folder: str) -> Iterator[Target | InputError]:
    """Reports under a folder: *.txt, *.md, *.docx; hidden folders and Word lock files skipped.

    Paths are shown and ordered as pathlib gives them ("./reports/" shows its files as
    "reports/a.txt", sorted part by part), imported here: a folder's run can spare its import."""
    from pathlib import Path

    root = Path(folder)
    errors: list[InputError] = []

    def on_error(exc: OSError) -> None:
        errors.append(InputError(exc.filename or str(root), _os_message(exc)))

    found: list[Path] = []
    skipped: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith((".", LOCK_FILE_PREFIX)):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in WALKED_SUFFIXES:
                found.append(Path(dirpath) / name)
            elif suffix in UNSUPPORTED_FORMATS:
                skipped[suffix] = skipped.get(suffix, 0) + 1
    for path in sorted(found):
        if path.is_symlink() and not path.exists():
            yield InputError(str(path), "符号链接指向的文件不存在")
        else:
            yield Target(display=str(path), path=str(path))
    if not found and not errors:
        hint = ""
        if skipped:
            kinds = "、".join(f"{n} 个 {suffix}" for suffix, n in sorted(skipped.items()))
            hint = f"（有 {kinds} 文件，不能直接读取：{_CONVERT}）"
        yield InputError(str(root), f"目录中没有可检查的 .txt、.md 或 .docx 文件{hint}")
    yield from errors


def _os_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, FileNotFoundError):
        return "文件在检查过程中被删除或不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个目录，不是文件"
    return f"无法读取（{exc.strerror or type(exc).__name__}）"


# ---------------------------------------------------------------------------------------------
# Reading


def read_target(target: Target, data: bytes | None = None) -> Source:
    """The target read and decoded; ``data``: its bytes, when the caller has read them already."""
    suffix = os.path.splitext(target.display)[1].lower()
    if target.path is not None and suffix in UNSUPPORTED_FORMATS:
        raise InputError(target.display, f"这是{UNSUPPORTED_FORMATS[suffix]}，lawlint 不能直接读取：{_CONVERT}")
    if data is None:
        data = _read_bytes(target)
    if not data.strip():
        raise InputError(target.display, "文件为空")
    if suffix in DOCX_SUFFIXES or _looks_like_docx(data):
        return _read_docx(target.display, data)
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise InputError(target.display, f"文件内容实际是{name}，lawlint 不能直接读取：{_CONVERT}")
    text, meta = decode(data, target.display)
    meta.update(line_endings(text))
    meta["kind"] = "text"
    if suffix in MARKDOWN_SUFFIXES:
        text, masked = mask_markdown(text)
        meta["kind"] = "markdown"
        meta["masked"] = masked
    return Source(path=target.display, text=text, meta=meta)


def _read_bytes(target: Target) -> bytes:
    if target.path is None:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(target.display, f"输入过大，超过 {MAX_BYTES // (1024 * 1024)} MB 的上限")
        return data
    try:
        size = os.stat(target.path).st_size
        if size > MAX_BYTES:
            raise InputError(target.display,
                             f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 的上限")
        with open(target.path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise InputError(target.display, _os_message(exc)) from None


def _looks_like_docx(data: bytes) -> bool:
    """A zip with a Word body part, whatever its name (a .docx saved or renamed as .txt)."""
    return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data[:65536 * 4]


def _read_docx(display: str, data: bytes) -> Source:
    from .docx_input import DocxError, read_docx

    if data.startswith(_MAGIC[0][0]):
        # Encrypted .docx files are OLE containers too, so the message names both causes.
        raise InputError(display, "文件不是 .docx 格式：可能设置了打开密码，或是改了扩展名的 .doc/.wps 文件；"
                                  "请去掉密码或另存为 .docx 后再检查")
    try:
        result = read_docx(data)
    except DocxError as exc:
        raise InputError(display, str(exc)) from None
    if not result.text.strip():
        raise InputError(display, "文档中没有文字")
    meta = {"kind": "docx", "encoding": "utf-8", "bom": False, "newline": "\n",
            "newline_counts": {"\n": result.text.count("\n"), "\r\n": 0, "\r": 0},
            "newline_minority": [], "labels": result.labels}
    return Source(path=display, text=result.text, meta=meta)


# ---------------------------------------------------------------------------------------------
# Encodings

# (BOM, codec that decodes after the BOM, codec recorded for writing back)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
ENCODING_NAMES = {
    "utf-8": "UTF-8", "gb18030": "GB18030（GBK）", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32", "utf-32-be": "UTF-32",
}
# Control characters other than tab, line feed, carriage return and form feed; a text with many
# of them is a binary file, a text with a few has residue (the F rules report it).
_CONTROL = lazy(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_CONTROL_SHARE = 0.05


def decode(data: bytes, display: str) -> tuple[str, dict]:
    """BOM first, then BOM-less UTF-16, strict UTF-8, then GB18030 (a superset of GBK and GB2312).

    charset-normalizer is not used: the reports come from mainland government desktops, whose
    encodings are these; guessing among Big5, Shift-JIS … would mostly turn a damaged file into
    a wrong text instead of a clear error.
    """
    if not data.strip():
        raise InputError(display, "文件为空")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputError(display, f"文件开头声明为 {ENCODING_NAMES[name]} 编码，但内容无法按该编码解码") from None
            return _checked(text, display), {"encoding": name, "bom": True}
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _checked(data.decode(utf16), display), {"encoding": utf16, "bom": False}
    if b"\x00" in data:
        raise InputError(display, "不是文本文件（含有二进制内容）")
    try:
        return _checked(data.decode("utf-8"), display), {"encoding": "utf-8", "bom": False}
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        text, errors = damaged
        return _checked(text, display), {"encoding": "utf-8", "bom": False, "decode_errors": errors}
    try:
        return _checked(data.decode("gb18030"), display), {"encoding": "gb18030", "bom": False}
    except UnicodeDecodeError:
        pass
    raise InputError(display, "无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 后再检查")


# A UTF-8 file with a few damaged bytes must not be read as GB18030 (which would turn the whole
# report into mojibake): when valid multi-byte UTF-8 characters outnumber the invalid sequences
# by this factor, the file is UTF-8 and each damaged sequence becomes U+FFFD (rule F102 shows it).
_DAMAGED_UTF8_RATIO = 20


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    errors = 0

    def count(exc: UnicodeDecodeError):
        nonlocal errors
        errors += 1
        return "\ufffd", exc.end

    codecs.register_error("lawlint-count", count)
    text = data.decode("utf-8", errors="lawlint-count")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - errors
    if errors and multibyte >= _DAMAGED_UTF8_RATIO * errors:
        return text, errors
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM, only when it is clear: a strict decode in which nearly every character
    is one a report is written with (CJK, CJK and full-width punctuation, printable ASCII)."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    best, best_share = None, _UTF16_PLAUSIBLE_SHARE
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text or _CONTROL.search(text):
            continue
        share = len(_PLAUSIBLE.findall(text)) / len(text)
        if share >= best_share and (best is None or share > best_share):  # a tie keeps LE
            best, best_share = codec, share
    return best


_PLAUSIBLE = lazy(r"[\t\r\n\x20-\x7e\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_UTF16_PLAUSIBLE_SHARE = 0.95


def _checked(text: str, display: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _BINARY_CONTROL_SHARE * len(text):
        raise InputError(display, "不是文本文件（含有大量控制字符）")
    return text


_NEWLINE = lazy(r"\r\n|\r|\n")


def line_endings(text: str) -> dict:
    """The dominant line ending and the lines that end otherwise (for F rules and --fix)."""
    ends = [m.group() for m in _NEWLINE.finditer(text)]
    counts = {"\n": ends.count("\n"), "\r\n": ends.count("\r\n"), "\r": ends.count("\r")}
    dominant = "\n"
    if ends:
        # The most frequent; on a tie the one used first.
        dominant = max(counts, key=lambda k: (counts[k], -ends.index(k) if k in ends else 0))
    minority = [number for number, end in enumerate(ends, start=1) if end != dominant]
    return {"newline": dominant, "newline_counts": counts, "newline_minority": minority}


# ---------------------------------------------------------------------------------------------
# Markdown

# ATX heading marks: up to three spaces, 1–6 "#", then a space or the line end.  Closing "#"s
# ("## 标题 ##") are blanked too.
_ATX = lazy(r"^( {0,3})(#{1,6})([ \t]+|$)", re.MULTILINE)
_ATX_CLOSE = lazy(r"[ \t]+#+[ \t]*$", re.MULTILINE)


def mask_markdown(text: str) -> tuple[str, list[list[int]]]:
    """Blank markdown heading marks with spaces, length for length.

    Replacing (not stripping) keeps every column honest: "## 一、总体情况" is linted as
    "   一、总体情况" and a diagnostic's column is the column in the .md file.  The blanked
    ranges are recorded so that the whitespace rules do not report them.  Offsets are those of
    the text with "\\n" line ends (the parser normalises line ends; "\\r\\n" counts as one).
    """
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    masked: list[list[int]] = []
    chars = list(normal)
    for match in _ATX.finditer(normal):
        if not match.group(3) and match.end() < len(normal) and normal[match.end()] != "\n":
            continue
        start, end = match.start(), match.end()
        for i in range(start, end):
            chars[i] = " "
        masked.append([start, end])
        line_end = normal.find("\n", end)
        line_end = len(normal) if line_end < 0 else line_end
        close = _ATX_CLOSE.search(normal, end, line_end)
        if close and close.end() == line_end:
            for i in range(close.start(), close.end()):
                chars[i] = " "
            masked.append([close.start(), close.end()])
    return "".join(chars), masked
