"""The result cache: an unchanged file is not linted again, anything its diagnostics depend on
changes the key, a damaged entry is ignored, --fix still fixes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from lawlint import cache as cache_module
from lawlint.cache import Cache, context_key, settings_key
from lawlint.config import Config

FORM_SLIP = "一、总体情况\n（一）依法决策\n1、完善制度\n"  # H103 at 3:1

# A local rule that leaves a mark each time it runs, so a test sees whether a file was linted.
COUNTING_RULES = '''
import os

from lawlint.diagnostics import Severity
from lawlint.hookspec import hookimpl
from lawlint.rules import Rule


class Counts(Rule):
    """Test rule: records every document it is run on."""

    code, name = "Z911", "counts"
    severity = Severity.INFO
    summary = "测试规则"
    norm = "本地规则"
    bad = "测试\\n"
    good = "正文\\n"

    def check(self, doc, ctx):
        with open(os.environ["LAWLINT_TEST_RUNS"], "a", encoding="utf-8") as fh:
            fh.write(doc.path + "\\n")
        return ()


@hookimpl
def lawlint_rules():
    return [Counts]
'''


@pytest.fixture
def project(tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "counting_rules.py").write_text(COUNTING_RULES, encoding="utf-8")
    (folder / "lawlint.toml").write_text('plugins = ["counting_rules"]\n', encoding="utf-8")
    for i in range(4):
        (folder / f"r{i}.txt").write_text(FORM_SLIP, encoding="utf-8")
    runs = tmp_path / "runs.log"
    runs.write_text("", encoding="utf-8")
    monkeypatch.setenv("LAWLINT_TEST_RUNS", str(runs))
    monkeypatch.delenv("LAWLINT_CACHE_DIR", raising=False)
    return SimpleNamespace(folder=folder, runs=runs)


def run(project, *args, jobs="2"):
    return subprocess.run([sys.executable, "-m", "lawlint", ".", "--format", "concise", "--jobs", jobs,
                           "--today", "2026-11-23", *map(str, args)], capture_output=True, cwd=project.folder)


def linted(project) -> list[str]:
    """Files linted since the last call."""
    lines = project.runs.read_text(encoding="utf-8").splitlines()
    project.runs.write_text("", encoding="utf-8")
    return sorted(Path(line).name for line in lines)


def test_a_rerun_over_unchanged_files_lints_nothing_and_prints_the_same(project):
    first = run(project)
    assert linted(project) == ["r0.txt", "r1.txt", "r2.txt", "r3.txt"]
    assert first.stdout.count(b" H103 ") == 4 and first.returncode == 1
    for jobs in ("2", "1"):
        again = run(project, jobs=jobs)
        assert linted(project) == []
        assert (again.stdout, again.stderr, again.returncode) == (first.stdout, first.stderr, first.returncode)
    cache_dir = project.folder / ".lawlint_cache"
    assert (cache_dir / "CACHEDIR.TAG").is_file() and (cache_dir / ".gitignore").read_text().endswith("*\n")
    assert not list(cache_dir.rglob(".tmp-*"))  # every entry was renamed into place


def test_an_edited_file_is_linted_again_and_only_it(project):
    run(project)
    linted(project)
    (project.folder / "r2.txt").write_text(FORM_SLIP.replace("1、", "1."), encoding="utf-8")
    proc = run(project)
    assert linted(project) == ["r2.txt"]
    assert proc.stdout.count(b" H103 ") == 3


@pytest.mark.parametrize("change", [
    ("--today", "2027-01-05"),  # date rules read today
    ("--report-year", "2022"),
    ("--select", "H,Z"),
    ("--ignore", "P"),
    ("--extend-select", "H103"),
])
def test_settings_on_the_command_line_are_part_of_the_key(project, change):
    run(project)
    linted(project)
    proc = run(project, *change)
    assert linted(project) == ["r0.txt", "r1.txt", "r2.txt", "r3.txt"]
    fresh = run(project, *change, "--no-cache")
    assert proc.stdout == fresh.stdout


def test_configuration_and_its_dictionaries_are_part_of_the_key(project):
    run(project)
    linted(project)
    config = project.folder / "lawlint.toml"
    config.write_text('plugins = ["counting_rules"]\n[severity]\nH103 = "info"\n', encoding="utf-8")
    proc = run(project)
    assert linted(project) == ["r0.txt", "r1.txt", "r2.txt", "r3.txt"] and proc.returncode == 0


def test_a_damaged_entry_is_ignored(project):
    first = run(project)
    linted(project)
    entries = sorted(p for p in (project.folder / ".lawlint_cache").rglob("*") if p.is_file() and len(p.name) == 64)
    assert len(entries) == 4
    entries[0].write_bytes(b"")  # empty
    entries[1].write_bytes(entries[1].read_bytes()[:-7])  # torn
    data = bytearray(entries[2].read_bytes())
    data[-3] ^= 0xFF  # one flipped byte
    entries[2].write_bytes(bytes(data))
    again = run(project)
    assert len(linted(project)) == 3
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)


def test_fix_is_not_short_circuited_by_a_cached_result(project):
    run(project)
    linted(project)
    fix = run(project, "--fix", "--select", "H")
    assert "已修复 4 处" in fix.stderr.decode()
    assert all("1.完善制度" in p.read_text(encoding="utf-8") for p in project.folder.glob("r*.txt"))
    after = run(project)
    assert b" H103 " not in after.stdout


def test_a_clean_cached_file_needs_no_linting_under_fix(project):
    for path in project.folder.glob("r*.txt"):
        path.write_text(FORM_SLIP.replace("1、", "1."), encoding="utf-8")
    run(project)
    linted(project)
    proc = run(project, "--fix")
    assert linted(project) == [] and "已修复 0 处" in proc.stderr.decode()


def test_baseline_applies_to_cached_results(project):
    run(project, "--write-baseline", "base.json")
    linted(project)
    with_baseline = run(project, "--baseline", "base.json")
    assert linted(project) == [] and b" H103 " not in with_baseline.stdout and with_baseline.returncode == 0
    without = run(project)
    assert without.stdout.count(b" H103 ") == 4


def test_no_cache_and_cache_dir(project, tmp_path):
    run(project, "--no-cache")
    assert not (project.folder / ".lawlint_cache").exists()
    elsewhere = tmp_path / "elsewhere"
    run(project, "--cache-dir", elsewhere)
    assert not (project.folder / ".lawlint_cache").exists() and (elsewhere / "CACHEDIR.TAG").exists()
    linted(project)
    run(project, "--cache-dir", elsewhere)
    assert linted(project) == []


def test_an_unwritable_cache_folder_does_not_stop_the_run(project):
    (project.folder / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    proc = run(project, "--cache-dir", "blocked/cache")
    assert proc.stdout.count(b" H103 ") == 4 and b"Traceback" not in proc.stderr


# -- the key ------------------------------------------------------------------------------------


def _registry(**data_versions):
    return SimpleNamespace(data_versions=data_versions, plugin_of={"H101": "headings"})


def test_the_context_key_follows_data_versions_and_command_line_settings():
    base = context_key(registry=_registry(words="1"), cli_settings={"today": "2026-11-23"})
    assert base == context_key(registry=_registry(words="1"), cli_settings={"today": "2026-11-23"})
    assert base != context_key(registry=_registry(words="2"), cli_settings={"today": "2026-11-23"})
    assert base != context_key(registry=_registry(words="1"), cli_settings={"today": "2026-11-24"})


def test_the_settings_key_follows_a_dictionary_files_content(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("甲\n", encoding="utf-8")
    config = Config(dictionaries=(str(words),), keys=frozenset({"dictionaries", "select"}))
    before = settings_key(config)
    assert before == settings_key(Config(dictionaries=(str(words),), keys=frozenset({"select", "dictionaries"})))
    words.write_text("甲\n乙\n", encoding="utf-8")
    assert settings_key(config) != before


def test_the_entry_key_follows_content_and_shown_path(tmp_path):
    cache = Cache(tmp_path, "ctx")
    key = cache.key("settings", "a.txt", b"text")
    assert key == cache.key("settings", "a.txt", b"text")
    assert len({key, cache.key("settings", "b.txt", b"text"), cache.key("settings", "a.txt", b"text2"),
                cache.key("other", "a.txt", b"text")}) == 4
    assert cache.get(key) is None
    cache.put(key, {"value": 1})
    assert cache.get(key) == {"value": 1}


def test_the_code_fingerprint_changes_when_a_rule_module_is_edited(tmp_path, monkeypatch):
    module = tmp_path / "local_rules_for_fingerprint.py"
    module.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    importlib.import_module("local_rules_for_fingerprint")
    before = cache_module.code_fingerprint(["local_rules_for_fingerprint"])
    module.write_text("x = 22\n", encoding="utf-8")
    assert cache_module.code_fingerprint(["local_rules_for_fingerprint"]) != before


def test_the_code_fingerprint_stamps_the_rules_data_and_grammar_folders_without_importing_them():
    import lawlint.grammars
    import lawlint.plugins

    folders = cache_module._package_folders()
    assert str(Path(lawlint.plugins.__file__).resolve().parent) in folders
    assert str(Path(lawlint.grammars.__file__).resolve().parent) in folders


def test_a_file_answered_from_the_cache_imports_no_rule_and_no_parser(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(FORM_SLIP, encoding="utf-8")
    code = ("import sys; from lawlint.cli import main; "
            f"main([{str(report)!r}, '--cache-dir', {str(tmp_path / 'cache')!r}, '--format', 'concise', "
            "'--today', '2026-11-23', '--isolated']); "
            "print('loaded:', sorted(m for m in sys.modules if m.startswith(('lawlint.plugins.', 'lark'))))")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    first_lines, second_lines = first.stdout.splitlines(), second.stdout.splitlines()
    assert "H103" in first.stdout
    assert first_lines[:-1] == second_lines[:-1]  # the same diagnostics
    assert first_lines[-1] != "loaded: []"  # the first run linted
    assert second_lines[-1] == "loaded: []"
