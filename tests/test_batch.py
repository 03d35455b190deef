"""Files linted together (each rule over a batch of documents in turn) get exactly what each file
gets linted alone, and one file's failure stays that file's."""

from __future__ import annotations

import subprocess
import sys

from lawlint import parallel
from lawlint.diagnostics import Severity
from lawlint.engine import Engine
from lawlint.registry import Registry
from lawlint.rules import Rule

from conftest import FIXTURES, SEEDS, TODAY, make_engine


def _facts(diagnostics):
    return [(d.code, d.line, d.column, d.end_line, d.end_column, d.message, d.fix, d.extra) for d in diagnostics]


def _reports():
    paths = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "bad").glob("*.txt")) + sorted((FIXTURES / "good").glob("*.txt"))
    return [(path.read_text(encoding="utf-8"), path.name, None) for path in paths]


def test_a_batch_gives_each_document_what_it_gets_alone(registry):
    engine = make_engine(registry)
    items = _reports()
    assert len(items) > 8
    together = engine.lint_files(items)
    alone = [engine.lint_file(text, path=path) for text, path, _ in items]
    assert [r.path for r in together] == [path for _, path, _ in items]
    assert [_facts(r.diagnostics) for r in together] == [_facts(r.diagnostics) for r in alone]
    assert sum(len(r.diagnostics) for r in together) > 50  # the comparison compares something


class _Explodes(Rule):
    """Raises on a document that holds 炸, to show the failure stays with that document."""

    code = "Z901"
    name = "explodes"
    severity = Severity.WARNING
    summary = "测试"
    norm = "测试"
    bad = "炸"
    good = "好"

    def check(self, doc, ctx):
        if "炸" in doc.text:
            raise RuntimeError("boom")
        found = doc.text.find("好")
        if found >= 0:
            yield self.finding(found, found + 1, "好字")


def test_a_rule_that_raises_on_one_document_of_a_batch_costs_only_that_document():
    registry = Registry()
    registry.add(_Explodes, "test")
    engine = Engine(registry=registry)
    results = engine.lint_files([("好", "a.txt", None), ("炸好", "b.txt", None), ("好好", "c.txt", None)])
    assert [[d.code for d in r.diagnostics] for r in results] == [["Z901"], ["X001"], ["Z901"]]
    assert "boom" in results[1].diagnostics[0].message


def test_one_run_over_a_folder_prints_what_runs_on_each_file_print(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    names = []
    for text, name, _ in _reports()[:11]:
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\xff" * 50)  # an input error inside a batch
    base = [sys.executable, "-m", "lawlint", "--no-cache", "--isolated", "--jobs", "1", "--format", "concise",
            "--today", TODAY.isoformat()]
    together = subprocess.run(base + [str(folder)], capture_output=True, text=True, cwd=tmp_path)
    alone = [subprocess.run(base + [str(folder / name)], capture_output=True, text=True, cwd=tmp_path).stdout
             for name in sorted(names)]
    assert together.stdout == "".join(alone)
    assert together.stdout.count("\n") > 50
    assert "zz_binary.txt" in together.stderr and together.returncode == 2


def test_when_a_batch_fails_as_a_whole_each_file_is_linted_alone(tmp_path, monkeypatch):
    from lawlint.cli import main

    for index, (text, name, _) in enumerate(_reports()[:3]):
        (tmp_path / f"{index}_{name}").write_text(text, encoding="utf-8")
    args = [str(tmp_path), "--no-cache", "--isolated", "--jobs", "1", "--format", "concise",
            "--today", TODAY.isoformat(), "--exit-zero"]
    expected = subprocess.run([sys.executable, "-m", "lawlint", *args], capture_output=True, text=True).stdout

    def broken(self, items):
        raise MemoryError("a whole batch at once")

    monkeypatch.setattr(Engine, "lint_files", broken)
    assert parallel.BATCH > 1
    import io
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(args) == 0
    assert out.getvalue() == expected and "X001" not in expected
