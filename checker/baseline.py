"""A baseline of known diagnostics, so a repository can adopt lawlint and fail only on new ones.

Each entry is keyed by (path, code, hash of the normalised text of the diagnostic's line) with a
count: a finding whose line moved stays baselined, and a second identical finding on another line
is new only beyond the baselined count.  Paths are stored relative to the baseline file's folder so
the file works from any working directory; only hashes of lines are stored, never report text
(reports may hold personal data).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from .diagnostics import Diagnostic
from .regexhint import lazy

FORMAT_VERSION = 1
_SPACE = lazy(r"\s+")


class BaselineError(Exception):
    """An unreadable or malformed baseline file; the message is one Chinese line."""


def line_hash(text: str) -> str:
    """Hash of a line with white space removed, so re-indenting a line keeps it baselined."""
    normalised = _SPACE.sub("", text)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _key_path(path: str, folder: Path) -> str:
    if path == "-":
        return path
    absolute = Path(path).resolve()
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def _key(diag: Diagnostic, folder: Path) -> tuple[str, str, str]:
    return (_key_path(diag.path, folder), diag.code, line_hash(diag.source_line))


class Baseline:
    def __init__(self, path: str | Path, counts: Counter | None = None):
        self.path = Path(path)
        self.folder = self.path.resolve().parent
        self.counts: Counter = counts if counts is not None else Counter()

    @classmethod
    def load(cls, path: str | Path) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"基线文件不存在：{path}") from None
        except OSError as exc:
            raise BaselineError(f"无法读取基线文件 {path}：{exc.strerror or type(exc).__name__}") from None
        except ValueError:
            raise BaselineError(f"基线文件 {path} 不是有效的 JSON") from None
        entries = data.get("entries") if isinstance(data, dict) else None
        if data.get("version") != FORMAT_VERSION or not isinstance(entries, list):
            raise BaselineError(f"基线文件 {path} 格式不对（应由 --write-baseline 生成）")
        counts: Counter = Counter()
        try:
            for entry in entries:
                counts[(entry["path"], entry["code"], entry["line_hash"])] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"基线文件 {path} 格式不对（应由 --write-baseline 生成）") from None
        return cls(path, counts)

    def filter(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Diagnostics not covered by the baseline (consumes nothing: safe to call per round)."""
        remaining = Counter(self.counts)
        new = []
        for diag in diagnostics:
            key = _key(diag, self.folder)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(diag)
        return new

    @classmethod
    def from_diagnostics(cls, path: str | Path, diagnostics: list[Diagnostic]) -> "Baseline":
        baseline = cls(path)
        for diag in diagnostics:
            baseline.counts[_key(diag, baseline.folder)] += 1
        return baseline

    def write(self) -> None:
        entries = [
            {"path": p, "code": c, "line_hash": h, "count": n}
            for (p, c, h), n in sorted(self.counts.items())
        ]
        text = json.dumps({"version": FORMAT_VERSION, "tool": "lawlint", "entries": entries},
                          ensure_ascii=False, indent=2) + "\n"
        from .atomic import write_atomically

        try:
            write_atomically(self.path, text.encode("utf-8"))
        except OSError as exc:
            raise BaselineError(f"无法写入基线文件 {self.path}：{exc.strerror or type(exc).__name__}") from None

    def __len__(self) -> int:
        return sum(self.counts.values())
