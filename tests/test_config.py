"""Configuration files as a user meets them: discovery, precedence, validation, trust, suppression."""

import json
import subprocess
import sys
import textwrap
from datetime import date
from types import SimpleNamespace

import pytest

from conftest import FIXTURES
from lawlint.config import ConfigError, Resolver, load_config
from lawlint.layered import Layer, LayeredSelection
from lawlint.registry import load_registry
from lawlint.rules import RuleContext
from lawlint.session import Session

BAD = FIXTURES / "bad" / "heading_numbering.txt"
# heading_numbering.txt: line 6 "1、完善…" (H103), line 8 "（三）严格执法" after （一） (H101).


def run(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], cwd=cwd, input=stdin,
                          capture_output=True, text=True)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def report(folder, name="r.txt"):
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(BAD.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def codes_of(stdout):
    return sorted(line.split(": ", 1)[1].split(" ", 1)[0] for line in stdout.splitlines() if line)


# -- discovery and precedence ----------------------------------------------------------------


def test_nearest_config_wins_and_pyproject_without_section_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.lawlint]\nselect = ["H101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.lawlint]
    write(tmp_path / "other" / "lawlint.toml", 'select = ["H103"]\n')
    top, sub, other = report(tmp_path), report(tmp_path / "sub"), report(tmp_path / "other")
    proc = run(top, sub, other, cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert sorted(line.split(": ")[0] for line in lines) == sorted([f"{other}:6:1", f"{sub}:8:1", f"{top}:8:1"])


def test_lawlint_toml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.lawlint]\nselect = ["H101"]\n')
    write(tmp_path / "lawlint.toml", 'select = ["H103"]\n')
    assert codes_of(run(report(tmp_path), cwd=tmp_path).stdout) == ["H103"]


def test_config_option_overrides_discovery_and_isolated_ignores_all(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H103"]\n')
    named = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["H101"]\n')
    target = report(tmp_path)
    assert codes_of(run(target, "--config", named, cwd=tmp_path).stdout) == ["H101"]
    assert codes_of(run(target, "--isolated", "--select", "H", cwd=tmp_path).stdout) == ["H101", "H103"]
    assert run(target, "--isolated", "--config", named).returncode == 2


def test_command_line_beats_configuration(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H"]\nignore = ["H103"]\n')
    target = report(tmp_path)
    assert codes_of(run(target, cwd=tmp_path).stdout) == ["H101"]
    # --extend-select on the command line switches back on what the file ignored …
    assert codes_of(run(target, "--extend-select", "H103", cwd=tmp_path).stdout) == ["H101", "H103"]
    # … and --select starts from scratch, the file's ignore no longer applying.
    assert codes_of(run(target, "--select", "H103", cwd=tmp_path).stdout) == ["H103"]
    assert codes_of(run(target, "--ignore", "H101", cwd=tmp_path).stdout) == []


def test_layered_selection_keeps_most_specific_prefix_within_a_layer():
    selection = LayeredSelection((Layer(select=("H",), ignore=("H1",), extend_select=("H103",)), Layer()))
    assert [selection.enabled(c) for c in ("H101", "H103", "H201", "W101")] == [False, True, True, False]
    assert LayeredSelection(()).enabled("W101")


# -- settings that reach the rules ---------------------------------------------------------------


def test_severity_override_changes_severity_and_exit_status(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H103"]\n[severity]\nH1 = "error"\nH103 = "info"\n')
    proc = run(report(tmp_path), "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert [(d["code"], d["severity"]) for d in data] == [("H103", "info")]
    assert proc.returncode == 0  # info does not fail


def test_profile_dictionaries_and_report_year_reach_the_rule_context(tmp_path, monkeypatch):
    (tmp_path / "dicts").mkdir()
    write(tmp_path / "dicts" / "words.txt", "截止目前\n")
    write(tmp_path / "profiles" / "town.toml", "x = 1\n")
    write(tmp_path / "lawlint.toml", """\
        profile = "town"
        profile-files = ["profiles/town.toml"]
        dictionaries = ["dicts/words.txt"]
        report-year = 2023
    """)
    monkeypatch.chdir(tmp_path)
    args = SimpleNamespace(paths=["r.txt"], select=None, ignore=None, extend_select=None)
    session = Session(args=args, context=RuleContext(today=date(2026, 1, 1)),
                      load_registry=lambda modules: load_registry(local_modules=modules, use_entry_points=False))
    engine = session.engine_for(session.config_for(str(tmp_path / "r.txt")))
    assert engine.context.options == {"profile": "town",
                                      "profile_files": [str(tmp_path / "profiles" / "town.toml")],
                                      "dictionaries": [str(tmp_path / "dicts" / "words.txt")]}
    assert engine.context.report_year == 2023
    # The command line's report year beats the file's.
    session2 = Session(args=args, context=RuleContext(report_year=2021),
                       load_registry=lambda modules: load_registry(use_entry_points=False))
    assert session2.engine_for(session2.config_for("r.txt")).context.report_year == 2021


def test_one_engine_per_distinct_settings(tmp_path, monkeypatch):
    write(tmp_path / "a" / "lawlint.toml", 'select = ["H"]\n')
    write(tmp_path / "b" / "lawlint.toml", 'select = ["H"]\n')  # same settings, other file
    write(tmp_path / "c" / "lawlint.toml", 'select = ["W"]\n')
    monkeypatch.chdir(tmp_path)
    args = SimpleNamespace(paths=[], select=None, ignore=None, extend_select=None)
    session = Session(args=args, context=RuleContext(),
                      load_registry=lambda modules: load_registry(use_entry_points=False))
    engines = [session.engine_for(session.config_for(str(tmp_path / d / "r.txt"))) for d in "abc"]
    assert engines[0] is engines[1] and engines[0] is not engines[2]


# -- suppression -------------------------------------------------------------------------------


def test_per_file_ignores_by_glob(tmp_path):
    write(tmp_path / "lawlint.toml", """\
        select = ["H"]
        [per-file-ignores]
        "towns/*.txt" = ["H103"]
        "old_*.txt" = ["H1"]
    """)
    town, old, plain = report(tmp_path / "towns"), report(tmp_path, "old_2019.txt"), report(tmp_path)
    proc = run(town, old, plain, cwd=tmp_path)
    by_file = {}
    for line in proc.stdout.splitlines():
        by_file.setdefault(line.split(":")[0], []).append(line.split(": ", 1)[1].split(" ")[0])
    assert by_file == {str(town): ["H101"], str(plain): ["H103", "H101"]}


def test_ignore_text_drops_only_the_exact_matched_text(tmp_path):
    text = "一、主要举措\n（一）依法决策\n1、完善制度\n2、落实顾问制度\n"
    target = tmp_path / "r.txt"
    target.write_text(text, encoding="utf-8")
    write(tmp_path / "lawlint.toml", 'select = ["H103"]\n[ignore-text]\nH103 = ["2、"]\n')
    proc = run(target, cwd=tmp_path)
    assert [line.split(": ")[0] for line in proc.stdout.splitlines()] == [f"{target}:3:1"]
    # A prefix key works too; a text that matches nothing drops nothing.
    write(tmp_path / "lawlint.toml", 'select = ["H103"]\n[ignore-text]\nH = ["1、", "完善制度"]\n')
    assert [line.split(": ")[0] for line in run(target, cwd=tmp_path).stdout.splitlines()] == [f"{target}:4:1"]


# -- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize("content, key", [
    ('selectt = ["H"]\n', "selectt"),
    ('select = ["H", "???"]\n', "select"),
    ('select = 3\n', "select"),
    ('report-year = "2023"\n', "report-year"),
    ('[severity]\nH101 = "fatal"\n', "severity.H101"),
    ('dictionaries = ["missing.txt"]\n', "dictionaries"),
    ('[per-file-ignores]\n"*.txt" = ["h1x"]\n', "per-file-ignores"),
    ('plugins = ["not a module"]\n', "plugins"),
])
def test_unknown_key_or_bad_value_is_exit_2_naming_the_key(tmp_path, content, key):
    write(tmp_path / "lawlint.toml", content)
    proc = run(report(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and f"“{key}" in err[0] and "Traceback" not in proc.stderr


def test_broken_toml_is_one_line_exit_2(tmp_path):
    write(tmp_path / "lawlint.toml", "select = [\n")
    proc = run(report(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    with pytest.raises(ConfigError, match="TOML"):
        load_config(tmp_path / "lawlint.toml", trusted=False)


def test_lawlint_config_prints_effective_settings_and_origin(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H"]\n[per-file-ignores]\n"old_*.txt" = ["H103"]\n')
    target = report(tmp_path, "old_2020.txt")
    proc = run("config", target, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"配置文件：{tmp_path / 'lawlint.toml'}" in out
    assert any(line.startswith("select") and '["H"]' in line and str(tmp_path / "lawlint.toml") in line
               for line in out.splitlines())
    assert any(line.startswith("ignore ") and line.endswith("# 默认") for line in out.splitlines())
    assert 'per-file-ignores 忽略：["H103"]' in out
    assert "不读取任何配置文件" in run("config", "--isolated", cwd=tmp_path).stdout
    assert "未找到配置文件" in run("config", cwd=tmp_path / "..").stdout or (tmp_path.parent / "lawlint.toml").exists()


# -- trust: configuration inside the checked paths runs no code ------------------------------


EVIL = """\
from pathlib import Path
Path(__file__).with_name("MARKER").write_text("ran")
"""

LOCAL_RULES = """\
from lawlint.diagnostics import Severity
from lawlint.hookspec import hookimpl
from lawlint.rules import Rule


class NoDraftMark(Rule):
    \"\"\"Test rule: a draft mark left in the report.\"\"\"

    code = "Z901"
    name = "no-draft-mark"
    severity = Severity.WARNING
    summary = "残留“草稿”字样"
    norm = "本地规则"
    bad = "草稿\\n"
    good = "正文\\n"

    def check(self, doc, ctx):
        start = doc.text.find("草稿")
        if start >= 0:
            yield self.finding(start, start + 2, "残留“草稿”字样")


@hookimpl
def lawlint_rules():
    return [NoDraftMark]
"""


def test_submitted_folder_config_cannot_load_plugins(tmp_path):
    submitted = tmp_path / "submitted"
    write(submitted / "lawlint.toml", 'plugins = ["evil"]\nselect = ["H103"]\n')
    write(submitted / "evil.py", EVIL)
    target = report(submitted)
    reviewer = tmp_path / "reviewer"
    reviewer.mkdir()
    proc = run(submitted, cwd=reviewer)
    assert not (submitted / "MARKER").exists()
    assert codes_of(proc.stdout) == ["H103"]  # its select still applies
    notices = [line for line in proc.stderr.splitlines() if "plugins" in line]
    assert len(notices) == 1 and str(submitted / "lawlint.toml") in notices[0]
    run(target, "--isolated", cwd=reviewer)
    assert not (submitted / "MARKER").exists()


def test_trusted_configs_load_local_rule_modules(tmp_path):
    project = tmp_path / "project"
    write(project / "lawlint.toml", 'plugins = ["local_rules"]\nselect = ["Z"]\n')
    write(project / "local_rules.py", LOCAL_RULES)
    target = project / "reports" / "r.txt"
    write(target, "（草稿）\n一、主要举措\n")
    # The project configuration of the working directory …
    proc = run(target, cwd=project / "reports")
    assert proc.returncode == 1 and " Z901 " in proc.stdout, proc.stderr
    # … and a configuration named by --config, from anywhere.
    proc = run(target, "--config", project / "lawlint.toml", cwd=tmp_path)
    assert " Z901 " in proc.stdout, proc.stderr


def test_resolver_trusts_only_the_working_directory_config(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H"]\n')
    write(tmp_path / "in" / "lawlint.toml", 'select = ["W"]\n')
    resolver = Resolver(cwd=tmp_path)
    assert resolver.for_file(tmp_path / "a.txt").trusted
    assert not resolver.for_file(tmp_path / "in" / "a.txt").trusted
    assert resolver.for_file(tmp_path / "in" / "deep" / "a.txt").select == ("W",)


def test_double_star_glob_matches_at_any_depth_including_the_top(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H"]\n[per-file-ignores]\n"**/archive/*.txt" = ["H"]\n')
    top, deep, other = (report(tmp_path / "archive"), report(tmp_path / "2019" / "archive"),
                        report(tmp_path / "current"))
    out = run(top, deep, other, cwd=tmp_path).stdout
    assert {line.split(":")[0] for line in out.splitlines()} == {str(other)}


def test_codes_that_name_no_rule_get_one_notice(tmp_path):
    write(tmp_path / "lawlint.toml", 'select = ["H", "Q"]\n[severity]\nW999 = "error"\nH101 = "info"\n')
    proc = run(report(tmp_path), report(tmp_path, "second.txt"), cwd=tmp_path)
    notices = [line for line in proc.stderr.splitlines() if "不对应任何已加载的规则" in line]
    assert len(notices) == 1 and "select 中的 Q" in notices[0] and "severity 中的 W999" in notices[0]
    assert "H101" not in notices[0]


def test_broken_config_beside_one_input_skips_that_input_only(tmp_path):
    write(tmp_path / "submitted" / "lawlint.toml", 'selectt = ["H"]\n')
    broken, fine = report(tmp_path / "submitted"), report(tmp_path / "other")
    (tmp_path / "reviewer").mkdir()
    proc = run(broken, fine, "--select", "H", cwd=tmp_path / "reviewer")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"lawlint: {broken}: 未检查：配置文件 {tmp_path / 'submitted' / 'lawlint.toml'}：未知的设置项“selectt”"]
    assert {line.split(":")[0] for line in proc.stdout.splitlines()} == {str(fine)}


def test_configured_dictionary_and_profile_reach_the_real_rules(tmp_path):
    write(tmp_path / "cfg" / "dicts" / "local.toml", """\
        [[entry]]
        wrong = "网格化管里"
        right = "网格化管理"
        severity = "error"
        category = "别字"
    """)
    write(tmp_path / "cfg" / "profiles" / "town.toml", '[profiles.town]\nextends = "default"\n')
    write(tmp_path / "cfg" / "lawlint.toml", """\
        select = ["W101", "S101", "X"]
        profile = "town"
        profile-files = ["profiles/town.toml"]
        dictionaries = ["dicts/local.toml"]
    """)
    target = write(tmp_path / "r.txt", "某镇2023年法治政府建设情况报告\n一、主要举措\n全面推行网格化管里。\n")
    with_config = run(target, "--config", tmp_path / "cfg" / "lawlint.toml", cwd=tmp_path).stdout
    assert f"{target}:3:5: W101" in with_config and " X001 " not in with_config and " S101 " in with_config
    assert " W101 " not in run(target, "--isolated", "--select", "W101", cwd=tmp_path).stdout


def test_a_configuration_file_that_is_not_utf8_is_one_line_error(tmp_path):
    from lawlint.config import ConfigError, load_config

    path = tmp_path / "lawlint.toml"
    path.write_bytes('select = ["H"]  # 标题\n'.encode("gb18030"))
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        load_config(path, trusted=False)
