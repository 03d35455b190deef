"""SARIF output: valid against the official 2.1.0 schema (tests/data, from oasis-tcs/sarif-spec),
shaped as GitHub code scanning reads it, with fingerprints that survive inserted lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEEDS
from lawlint.diagnostics import Diagnostic, Severity
from lawlint.output import OutputOptions
from lawlint.output.common import FINGERPRINT_KEY, fingerprints
from lawlint.output.sarif import sarif_log

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BAD_REL = "fixtures/bad/heading_numbering.txt"


def run(*args, cwd=ROOT):
    proc = subprocess.run([sys.executable, "-m", "lawlint", *map(str, args), "--format", "sarif"],
                          capture_output=True, text=True, cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def validate(log) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.fixture(scope="module")
def seeds_log():
    return run(SEEDS.relative_to(ROOT), BAD_REL)


def test_the_shipped_schema_is_the_official_one():
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_seed_output_validates_against_the_schema(seeds_log):
    validate(seeds_log)
    assert len(seeds_log["runs"][0]["results"]) > 5


def test_a_clean_run_validates_too():
    log = run(FIXTURES / "good" / "heading_numbering.txt", "--select", "H")
    validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_the_schema_check_is_not_vacuous(seeds_log):
    broken = json.loads(json.dumps(seeds_log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate(broken)


def test_driver_and_rules_as_github_reads_them(seeds_log, registry):
    from lawlint import __version__

    run0 = seeds_log["runs"][0]
    assert run0["columnKind"] == "unicodeCodePoints"
    driver = run0["tool"]["driver"]
    assert driver["name"] == "lawlint" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    used = {r["ruleId"] for r in run0["results"]}
    assert [r["id"] for r in driver["rules"]] == sorted(used)
    for descriptor in driver["rules"]:
        rule = registry.rules[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.doc()
        assert descriptor["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning",
                                                               "info": "note"}[rule.severity.value]
        help_text = descriptor["help"]["text"]
        assert rule.norm in help_text and rule.bad.strip() in help_text and rule.good.strip() in help_text


def test_results_point_at_relative_files_and_exact_regions(seeds_log):
    run0 = seeds_log["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    h101 = next(r for r in run0["results"] if r["ruleId"] == "H101")
    assert rules[h101["ruleIndex"]]["id"] == "H101"
    assert h101["level"] == "error"
    assert h101["message"]["text"] == "二级标题序号不连续：此处应为“（二）”，实际为“（三）”"
    location = h101["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == BAD_REL
    assert location["region"] == {"startLine": 8, "startColumn": 1, "endLine": 8, "endColumn": 4}
    for result in run0["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert not result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")


def test_absolute_paths_under_the_working_directory_become_relative():
    log = run(FIXTURES / "bad" / "heading_numbering.txt", "--select", "H101")  # absolute on the command line
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == BAD_REL


def test_non_ascii_paths_are_percent_encoded(tmp_path):
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "广阳镇.txt").write_text((FIXTURES / "bad" / "heading_numbering.txt").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    log = run("报告", "--select", "H101", cwd=tmp_path)
    validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%8A%A5%E5%91%8A/%E5%B9%BF%E9%98%B3%E9%95%87.txt"


def _fingerprints_by_code(log):
    results = log["runs"][0]["results"]
    return {(r["ruleId"], r["partialFingerprints"][FINGERPRINT_KEY]) for r in results}, \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]


def test_fingerprints_do_not_change_when_lines_are_inserted_above(tmp_path):
    original = (FIXTURES / "bad" / "heading_numbering.txt").read_text(encoding="utf-8").splitlines()
    # Two new body paragraphs after the opening, above every heading diagnostic.
    edited = original[:3] + ["本年度新增一段说明。", "另有一段补充说明。"] + original[3:]
    (tmp_path / "r.txt").write_text("\n".join(original) + "\n", encoding="utf-8")
    before = run("r.txt", "--select", "H", cwd=tmp_path)
    (tmp_path / "r.txt").write_text("\n".join(edited) + "\n", encoding="utf-8")
    after = run("r.txt", "--select", "H", cwd=tmp_path)
    prints_before, lines_before = _fingerprints_by_code(before)
    prints_after, lines_after = _fingerprints_by_code(after)
    assert lines_after == [n + 2 for n in lines_before] and lines_before  # the findings did move
    assert prints_after == prints_before


def _diag(line, text, code="P101"):
    return Diagnostic(path="a.txt", code=code, rule="r", severity=Severity.WARNING, message="m", line=line,
                      column=1, end_line=line, end_column=2, source_line=text)


def test_identical_lines_get_distinct_fingerprints_by_occurrence():
    same = [_diag(3, "（一）依法决策"), _diag(9, "（一）依法决策"), _diag(12, "  （一）依法决策  ")]
    prints = fingerprints(same)
    assert len(set(prints)) == 3
    # The first occurrence keeps its fingerprint when another identical line is added below it,
    # and white space around the line does not matter.
    assert fingerprints([_diag(40, "（一）依法决策 ")])[0] == prints[0]
    assert fingerprints([_diag(3, "（一）依法决策", code="P102")])[0] != prints[0]


def test_unknown_rule_codes_still_get_a_descriptor():
    diag = _diag(1, "文字", code="X001")
    log = sarif_log([diag], OutputOptions(format="sarif", version="0.1.0"))
    validate(log)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "X001"


def test_fixes_are_sarif_replacements(seeds_log):
    run0 = seeds_log["runs"][0]
    h103 = next(r for r in run0["results"] if r["ruleId"] == "H103")
    (fix,) = h103["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == BAD_REL
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 3},
        "insertedContent": {"text": "1."},
    }]
    assert fix["properties"]["applicability"] == "safe"
    h101 = next(r for r in run0["results"] if r["ruleId"] == "H101")
    assert "fixes" not in h101
