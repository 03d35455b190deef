"""Find the files to lint and read them into text, with a clear error for anything unreadable."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

MAX_BYTES = 64 * 1024 * 1024  # larger files are refused with a message, not read into memory
TEXT_SUFFIXES = (".txt",)


class InputError(Exception):
    """A file that cannot be linted; the message is one Chinese line for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass
class Source:
    path: str  # as shown to the user
    text: str
    meta: dict = field(default_factory=dict)  # encoding, bom, newline


@dataclass
class Target:
    """One thing to lint: a file path, or standard input."""

    display: str
    path: Path | None  # None for standard input


def iter_targets(args: list[str]) -> Iterator[Target | InputError]:
    for arg in args:
        if arg == "-":
            yield Target(display="-", path=None)
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_symlink() and not path.exists():
            yield InputError(arg, "符号链接指向的文件不存在")
        elif not path.exists():
            yield InputError(arg, "文件或目录不存在")
        else:
            yield Target(display=arg, path=path)


def _walk(root: Path) -> Iterator[Target | InputError]:
    errors: list[InputError] = []

    def on_error(exc: OSError) -> None:
        errors.append(InputError(exc.filename or str(root), _os_message(exc)))

    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames.sort()
        for name in filenames:
            if name.lower().endswith(TEXT_SUFFIXES):
                found.append(Path(dirpath) / name)
    for path in sorted(found):
        yield Target(display=str(path), path=path)
    yield from errors


def _os_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, FileNotFoundError):
        return "文件在检查过程中被删除或不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个目录，不是文件"
    return f"无法读取（{exc.strerror or type(exc).__name__}）"


def read_target(target: Target) -> Source:
    if target.path is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            size = target.path.stat().st_size
            if size > MAX_BYTES:
                raise InputError(target.display, f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_BYTES // (1024 * 1024)} MB 的上限")
            data = target.path.read_bytes()
        except OSError as exc:
            raise InputError(target.display, _os_message(exc)) from None
    text, meta = decode(data, target.display)
    return Source(path=target.display, text=text, meta=meta)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, display: str) -> tuple[str, dict]:
    """BOM first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise InputError(display, "文件为空")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), {"encoding": encoding, "bom": True}
            except UnicodeDecodeError:
                raise InputError(display, f"文件声明为 {encoding} 编码，但内容无法按该编码解码") from None
    if b"\x00" in data:
        raise InputError(display, "不是文本文件（含有二进制内容）")
    try:
        return data.decode("utf-8"), {"encoding": "utf-8", "bom": False}
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), {"encoding": "gb18030", "bom": False}
    except UnicodeDecodeError:
        raise InputError(display, "无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 后再检查") from None
