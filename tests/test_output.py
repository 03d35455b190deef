"""Output formats, --statistics, --summary, --output-file, --version and ``lawlint rule``, through
the real command line (``python -m lawlint``) and, for the fiddly details, on hand-made
diagnostics."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from types import SimpleNamespace

import pytest

from conftest import FIXTURES, ROOT, SEEDS
from lawlint.diagnostics import Applicability, Diagnostic, Fix, Severity
from lawlint.output import OutputOptions, writer
from lawlint.output.common import byte_column, quote_paragraph
from lawlint.output.github import annotation, escape_data, escape_property

BAD = FIXTURES / "bad" / "heading_numbering.txt"
BAD_REL = "fixtures/bad/heading_numbering.txt"
# A heading report with two H defects; line 8 is "（三）严格执法" (H101 on "（三）").
HEADINGS = "2023年法治政府建设情况报告\n\n一、主要举措\n（一）依法决策\n1、完善程序。\n（三）严格执法\n二、存在的不足\n执法力量不足。\n"


def run(*args, stdin=None, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=env, cwd=cwd)


def diag(code="P101", severity=Severity.WARNING, message="消息", line=3, column=5, end_line=None, end_column=6,
         source_line="示例文字，示例文字。", fix=None, kind=None, path="a.txt", rule="some-rule"):
    end_line = line if end_line is None else end_line
    extra = {"kind": kind} if kind else {}
    if fix is not None:
        extra["edits"] = [(e.content, line, column, end_line, end_column) for e in fix.edits]
    return Diagnostic(path=path, code=code, rule=rule, severity=severity, message=message, line=line,
                      column=column, end_line=end_line, end_column=end_column, fix=fix,
                      source_line=source_line, extra=extra)


def render(fmt, diagnostics, **options):
    stream = io.StringIO()
    writer(fmt)(diagnostics, stream, OutputOptions(format=fmt, **options))
    return stream.getvalue()


@pytest.fixture(scope="module")
def seeds_json():
    """The JSON diagnostics of the seed folder and the bad fixture, computed once."""
    proc = run(SEEDS.relative_to(ROOT), BAD_REL, "--format", "json")
    return json.loads(proc.stdout)


# -- concise, grouped, full -----------------------------------------------------------------------

def test_concise_marks_only_what_fix_would_repair():
    safe = diag(code="H103", fix=Fix.replace(0, 1, "x", "改"))
    unsafe = diag(code="W101", fix=Fix.replace(0, 1, "x", "改", applicability=Applicability.UNSAFE))
    docx = diag(code="H104", fix=Fix.replace(0, 1, "x", "改"), kind="docx")
    plain = diag(code="H101")
    lines = render("concise", [safe, unsafe, docx, plain]).splitlines()
    assert lines[0] == "a.txt:3:5: H103 [*] 消息 [some-rule]"
    assert lines[1] == "a.txt:3:5: W101 消息 [some-rule]"  # unsafe: needs --unsafe-fixes
    assert "[*]" not in lines[2]  # --fix never rewrites a .docx
    assert lines[3] == "a.txt:3:5: H101 消息 [some-rule]"


def test_concise_end_to_end_marks_the_fixable_heading():
    proc = run(BAD_REL, "--select", "H", "--format", "concise")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{BAD_REL}:6:1: H103 [*] 三级标题序号应写作“1.”，而不是“1、” [heading-form]",
        f"{BAD_REL}:8:1: H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）” [heading-numbering]",
    ]


def test_grouped_has_a_header_per_file_and_indented_rows(tmp_path):
    other = tmp_path / "b.txt"
    other.write_text(HEADINGS, encoding="utf-8")
    proc = run(BAD_REL, other, "--select", "H", "--format", "grouped")
    assert proc.returncode == 1
    blocks = proc.stdout.strip("\n").split("\n\n")
    assert blocks[0].splitlines() == [
        f"{BAD_REL}:",
        "  6:1 H103 [*] 三级标题序号应写作“1.”，而不是“1、” [heading-form]",
        "  8:1 H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）” [heading-numbering]",
    ]
    header, *rows = blocks[1].splitlines()
    assert header == f"{other}:"
    assert rows == [
        "  5:1 H103 [*] 三级标题序号应写作“1.”，而不是“1、” [heading-form]",
        "  6:1 H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）” [heading-numbering]",
    ]


def test_full_output_is_not_wrapped_at_80_columns_when_piped(tmp_path):
    deep = tmp_path / ("很长的目录名" * 12)
    deep.mkdir()
    report = deep / "report.txt"
    report.write_text(HEADINGS, encoding="utf-8")
    proc = run(report, "--select", "H101", "--format", "full", "--color", "never")
    head = next(line for line in proc.stdout.splitlines() if line.startswith(str(report)))
    assert len(head) > 120
    assert head == f"{report}:6:1: H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）” [heading-numbering]"


def test_full_output_counts_fixable_diagnostics():
    proc = run(BAD_REL, "--select", "H", "--format", "full", "--color", "never")
    assert f"{BAD_REL}:6:1: H103 [*] 三级标题序号应写作“1.”，而不是“1、” [heading-form]" in proc.stdout
    assert "其中 1 条标有 [*]，可用 --fix 自动修复。" in proc.stdout


def test_color_always_never_and_no_color():
    assert "\x1b[" in run(BAD_REL, "--select", "H", "--format", "concise", "--color", "always").stdout
    assert "\x1b[" not in run(BAD_REL, "--select", "H", "--format", "concise", "--color", "never").stdout
    env = dict(os.environ, NO_COLOR="1")
    assert "\x1b[" not in run(BAD_REL, "--select", "H", "--format", "grouped", env=env).stdout


# -- .docx sources ----------------------------------------------------------------------------------

def test_docx_paragraph_quote_is_shortened_around_the_span():
    text = "（一）、依法决策。我镇严格落实重大行政决策程序，全年共审查合法性事项十二件，确保依法决策落到实处。"
    d = diag(code="H103", column=1, end_column=5, source_line=text, kind="docx", line=12)
    assert quote_paragraph(d) == "「（一）、依法决策。我镇严格落…」"
    short = diag(column=1, end_column=4, source_line="（三）严格执法", kind="docx")
    assert quote_paragraph(short) == "「（三）严格执法」"
    tail = diag(column=len(text) - 1, end_column=len(text), source_line=text, kind="docx")
    assert quote_paragraph(tail) == "「…，确保依法决策落到实处。」"  # ten characters before the span


@pytest.fixture
def docx_report(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in ["关于2023年法治政府建设情况的报告", "一、主要举措",
                 "（一）、依法决策。我镇严格落实重大行政决策程序，全年共审查合法性事项十二件。", "（三）严格执法"]:
        document.add_paragraph(text)
    path = tmp_path / "report.docx"
    document.save(path)
    return path


def test_docx_text_output_names_the_paragraph_and_quotes_it(docx_report):
    proc = run(docx_report, "--select", "H", "--format", "concise")
    lines = proc.stdout.splitlines()
    assert lines == [
        f"{docx_report} 第3段: H103 二级标题序号应写作“（一）”，而不是“（一）、”「（一）、依法决策。我镇严格落…」 [heading-form]",
        f"{docx_report} 第4段: H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）”「（三）严格执法」 [heading-numbering]",
    ]
    grouped = run(docx_report, "--select", "H101", "--format", "grouped").stdout.splitlines()
    assert grouped[1] == "  第4段 H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）”「（三）严格执法」 [heading-numbering]"


def test_docx_machine_output_keeps_the_paragraph_index_as_line(docx_report):
    data = json.loads(run(docx_report, "--select", "H101", "--format", "json").stdout)
    assert [(d["code"], d["line"], d["column"]) for d in data] == [("H101", 4, 1)]


# -- json, json-lines ----------------------------------------------------------------------------------

def test_json_lines_is_the_json_array_one_object_per_line():
    array = json.loads(run(BAD_REL, "--format", "json").stdout)
    lines = run(BAD_REL, "--format", "json-lines").stdout.splitlines()
    assert [json.loads(line) for line in lines] == array and len(lines) >= 2
    h103 = next(d for d in array if d["code"] == "H103")
    assert h103["fix"] == {"applicability": "safe", "message": h103["fix"]["message"],
                           "edits": [{"content": "1.", "line": 6, "column": 1, "end_line": 6, "end_column": 3}]}


# -- github ----------------------------------------------------------------------------------------

def test_github_escaping():
    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    d = diag(code="P101", message="括号不配对：\n“（”", path="报告,2023:终稿.txt", line=12, column=10, end_column=11)
    assert annotation(d) == ("::warning title=lawlint (P101),file=报告%2C2023%3A终稿.txt,line=12,col=10,"
                             "endLine=12,endColumn=11::括号不配对：%0A“（”")


def test_github_multi_line_span_drops_columns_and_info_is_a_notice():
    d = diag(severity=Severity.INFO, line=3, column=4, end_line=5, end_column=2)
    assert annotation(d) == "::notice title=lawlint (P101),file=a.txt,line=3,endLine=5::消息"


def test_github_end_to_end():
    proc = run(BAD_REL, "--select", "H", "--format", "github")
    assert proc.stdout.splitlines() == [
        f"::warning title=lawlint (H103),file={BAD_REL},line=6,col=1,endLine=6,endColumn=3::三级标题序号应写作“1.”，而不是“1、”",
        f"::error title=lawlint (H101),file={BAD_REL},line=8,col=1,endLine=8,endColumn=4::二级标题序号不连续：此处应为“（二）”，实际为“（三）”",
    ]


def test_github_paths_are_relative_to_the_working_directory():
    proc = run(BAD, "--select", "H101", "--format", "github")  # absolute path on the command line
    assert f",file={BAD_REL}," in proc.stdout


# -- gitlab ----------------------------------------------------------------------------------------

def test_gitlab_code_quality_end_to_end(seeds_json):
    proc = run(SEEDS.relative_to(ROOT), BAD_REL, "--format", "gitlab")
    issues = json.loads(proc.stdout)
    plain = seeds_json
    assert len(issues) == len(plain) > 2
    for issue, d in zip(issues, plain):
        assert issue["check_name"] == d["code"] and d["message"] in issue["description"]
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[d["severity"]]
        assert issue["location"]["path"] == d["path"] and issue["location"]["lines"]["begin"] == d["line"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab needs them unique


# -- rdjson ----------------------------------------------------------------------------------------

def test_byte_columns_count_utf8_bytes():
    assert byte_column("我镇，abc", 1) == 1
    assert byte_column("我镇，abc", 4) == 10  # three CJK characters of three bytes each
    assert byte_column("ab", 3) == 3


def test_rdjson_end_to_end_columns_in_bytes():
    data = json.loads(run(BAD_REL, "--select", "H", "--format", "rdjson").stdout)
    assert data["source"]["name"] == "lawlint"
    h101 = next(d for d in data["diagnostics"] if d["code"]["value"] == "H101")
    # "（三）" is three characters, nine UTF-8 bytes: the exclusive end is byte column 10.
    assert h101["location"]["range"] == {"start": {"line": 8, "column": 1}, "end": {"line": 8, "column": 10}}
    assert h101["severity"] == "ERROR" and h101["location"]["path"] == BAD_REL
    h103 = next(d for d in data["diagnostics"] if d["code"]["value"] == "H103")
    # "1、" is one ASCII byte plus a three-byte "、": end byte column 5.
    assert h103["suggestions"] == [{"range": {"start": {"line": 6, "column": 1}, "end": {"line": 6, "column": 5}},
                                    "text": "1."}]


# -- junit -----------------------------------------------------------------------------------------

def test_junit_one_suite_per_file_and_a_passing_case_for_a_clean_file(tmp_path):
    clean = FIXTURES / "good" / "heading_numbering.txt"
    proc = run(BAD_REL, clean.relative_to(ROOT), "--select", "H", "--format", "junit")
    root = ET.fromstring(proc.stdout)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [BAD_REL, "fixtures/good/heading_numbering.txt"]
    bad_cases = suites[0].findall("testcase")
    assert [c.get("name") for c in bad_cases] == ["H103 6:1", "H101 8:1"]
    assert all(c.find("failure") is not None for c in bad_cases)
    assert suites[0].get("failures") == "2"
    good_cases = suites[1].findall("testcase")
    assert len(good_cases) == 1 and good_cases[0].find("failure") is None
    assert root.get("tests") == "3" and root.get("failures") == "2"


def test_junit_info_does_not_fail_and_control_characters_are_replaced():
    d = diag(severity=Severity.INFO, message="含\x0c控制符")
    root = ET.fromstring(render("junit", [d]))
    case = root.find("testsuite/testcase")
    assert case.find("failure") is None and "\ufffd" in case.find("system-out").text
    assert root.get("failures") == "0"


# -- --statistics --------------------------------------------------------------------------------------

def test_statistics_one_row_per_code_sorted_by_count(seeds_json):
    plain = seeds_json
    expected = Counter(d["code"] for d in plain)
    proc = run(SEEDS.relative_to(ROOT), BAD_REL, "--statistics")
    rows = [line.split() for line in proc.stdout.splitlines()]
    assert [(int(r[0]), r[1]) for r in rows] == sorted(((n, c) for c, n in expected.items()),
                                                       key=lambda x: (-x[0], x[1]))
    h103 = next(r for r in rows if r[1] == "H103")
    assert h103[2:] == ["[*]", "heading-form"]
    data = json.loads(run(SEEDS.relative_to(ROOT), BAD_REL, "--statistics", "--format", "json").stdout)
    assert {d["code"]: d["count"] for d in data} == dict(expected)
    assert proc.returncode == 1  # statistics do not change the exit status


# -- --summary -------------------------------------------------------------------------------------

def _result(path, issuer, diagnostics):
    from lawlint.parse import parse_document

    doc = parse_document(f"{issuer}\n2022年法治政府建设情况报告\n\n一、主要举措\n正文。\n", path=path)
    return SimpleNamespace(path=path, doc=doc, diagnostics=diagnostics)


def test_summary_rows_are_sorted_worst_first_and_list_missing_parts():
    from lawlint import summary

    missing = diag(code="S101", severity=Severity.ERROR, path="b.txt")
    missing.extra["data"] = {"missing_part": "第一责任人职责情况"}
    results = [
        _result("a.txt", "某某镇人民政府", [diag(path="a.txt"), diag(path="a.txt")]),
        _result("b.txt", "某某街道办事处", [missing, diag(code="H101", path="b.txt")]),
        _result("c.txt", "某某区司法局", []),
    ]
    rows = summary.build(results)
    assert [r.path for r in rows] == ["b.txt", "a.txt", "c.txt"]
    assert rows[0].issuer == "某某街道办事处" and rows[0].year == 2022
    assert rows[0].missing == ["第一责任人职责情况"]
    assert dict(rows[0].families) == {"S": 1, "H": 1} and rows[0].severities["error"] == 1
    stream = io.StringIO()
    summary.write_csv(rows, stream)
    table = list(csv.reader(io.StringIO(stream.getvalue())))
    assert table[0] == ["报告", "发文单位", "年度", "错误", "警告", "提示", "H", "P", "S", "缺少部分"]
    assert table[1] == ["b.txt", "某某街道办事处", "2022", "1", "1", "0", "1", "0", "1", "第一责任人职责情况"]


def test_summary_end_to_end_on_the_seed_folder(seeds_json):
    seeds = SEEDS.relative_to(ROOT)
    per_file = {}
    for d in seeds_json:
        per_file.setdefault(d["path"], Counter())[d["severity"]] += 1
    data = json.loads(run(seeds, "--summary", "--format", "json").stdout)
    assert len(data) == 5
    for row in data:
        assert row["severities"] == {s: per_file.get(row["path"], Counter())[s] for s in ("error", "warning", "info")}
    keys = [(-r["severities"]["error"], -r["severities"]["warning"]) for r in data]
    assert keys == sorted(keys)
    text = run(seeds, "--summary")
    lines = text.stdout.splitlines()
    assert lines[0].split()[:6] == ["报告", "发文单位", "年度", "错误", "警告", "提示"]
    assert [line.split()[0] for line in lines[1:-1]] == [r["path"] for r in data]
    assert lines[-1] == "共 5 份报告。"
    assert any("重庆市南岸区广阳镇人民政府" in line and "2023" in line for line in lines)


def test_summary_csv_starts_with_a_bom_for_excel(tmp_path):
    out = tmp_path / "summary.csv"
    proc = run(SEEDS.relative_to(ROOT), "--summary", "--format", "csv", "--output-file", out)
    assert proc.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["报告", "发文单位", "年度"] and len(rows) == 6
    piped = run(SEEDS.relative_to(ROOT), "--summary", "--format", "csv")
    assert piped.stdout.startswith("\ufeff报告,")


# -- --output-file, usage errors, broken pipe ------------------------------------------------------

def test_output_file_receives_the_output(tmp_path):
    out = tmp_path / "result.json"
    proc = run(BAD_REL, "--select", "H", "--format", "json", "--output-file", out)
    assert proc.returncode == 1 and proc.stdout == ""
    assert [d["code"] for d in json.loads(out.read_text(encoding="utf-8"))] == ["H103", "H101"]


def test_unwritable_output_file_is_one_line_and_exit_2(tmp_path):
    proc = run(BAD_REL, "--output-file", tmp_path / "no" / "such" / "dir.json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("lawlint: ")


@pytest.mark.parametrize("args", [
    ["--format", "csv"],
    ["--summary", "--format", "sarif"],
    ["--statistics", "--format", "junit"],
    ["--summary", "--statistics"],
])
def test_option_combinations_that_cannot_work_are_usage_errors(args):
    proc = run(BAD_REL, *args)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr


def test_a_closed_pipe_stops_quietly():
    # SARIF on the seeds, twice, is far more than a pipe buffer (64 KB): the writer must hit the
    # closed pipe.
    proc = subprocess.Popen([sys.executable, "-m", "lawlint", str(SEEDS), str(SEEDS), "--format", "sarif"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.read(5)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)
    assert "Traceback" not in err


# -- --version and lawlint rule -------------------------------------------------------------------

def test_version_prints_the_program_and_every_data_set(registry):
    from lawlint import __version__

    proc = run("--version")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0] == f"lawlint {__version__}"
    if registry.data_versions:
        assert lines[1] == "数据："
        printed = dict(line.strip().split(None, 1) for line in lines[2:])
        assert printed == {name: str(version) for name, version in registry.data_versions.items()}
    else:
        assert lines == [f"lawlint {__version__}"]


def test_rule_prints_its_documentation(registry):
    rule = registry.rules["H103"]
    proc = run("rule", "H103")
    assert proc.returncode == 0
    out = proc.stdout
    assert out.startswith("H103  heading-form\n")
    for part in (rule.summary, rule.norm, "级别：警告（warning）", "可自动修复：是"):
        assert part in out
    for line in (rule.bad + rule.good + rule.doc()).splitlines():
        assert line.strip() in out
    data = json.loads(run("rule", "h103", "--format", "json").stdout)
    assert data["code"] == "H103" and data["why"] == rule.doc() and data["fixable"] is True


def test_unknown_rule_is_one_line_and_exit_2():
    proc = run("rule", "Z999")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == ["lawlint: 未知的规则代码：Z999（用 lawlint rules 查看全部规则）"]
