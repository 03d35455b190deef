from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from lawlint.engine import Engine
from lawlint.registry import load_registry
from lawlint.rules import RuleContext
from lawlint.selection import Selection, parse_prefixes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def registry():
    return load_registry(use_entry_points=False)


def make_engine(registry, select=None, ignore=None, **context):
    selection = Selection(select=parse_prefixes(select) or ("ALL",), ignore=parse_prefixes(ignore))
    context.setdefault("today", TODAY)
    return Engine(registry=registry, selection=selection, context=RuleContext(**context))


@pytest.fixture
def lint(registry):
    """lint(text, select="H1") -> list of diagnostics."""

    def run(text, select=None, ignore=None, path="t.txt", **context):
        return make_engine(registry, select, ignore, **context).lint_text(text, path=path)

    return run


def codes(diagnostics):
    return [d.code for d in diagnostics]


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def copy_working_tree(dest: Path) -> None:
    """The files git would commit now (tracked or new, not ignored), copied into ``dest``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
