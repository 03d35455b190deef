"""The command line as a user runs it: exit codes, formats, unreadable files, stdin."""

import json
import subprocess
import sys

from conftest import FIXTURES, seed_path

BAD = FIXTURES / "bad" / "heading_numbering.txt"
GOOD = FIXTURES / "good" / "heading_numbering.txt"


def run(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=env)


def test_concise_output_when_piped_and_exit_1():
    proc = run(BAD, "--select", "H")
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert f"{BAD}:6:1: H103 [*] 三级标题序号应写作“1.”，而不是“1、” [heading-form]" in lines  # [*]: fixable
    assert f"{BAD}:8:1: H101 二级标题序号不连续：此处应为“（二）”，实际为“（三）” [heading-numbering]" in lines


def test_clean_file_exits_0():
    proc = run(GOOD, "--select", "H")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout == ""


def test_json_contract():
    proc = run(BAD, "--select", "H", "--format", "json")
    data = json.loads(proc.stdout)
    assert {tuple(sorted(d)) for d in data} == {tuple(sorted(
        ["path", "code", "rule", "severity", "message", "line", "column", "end_line", "end_column", "fix"]))}
    h103 = next(d for d in data if d["code"] == "H103")
    assert (h103["line"], h103["column"], h103["end_line"], h103["end_column"]) == (6, 1, 6, 3)
    assert h103["fix"]["edits"] == [{"content": "1.", "line": 6, "column": 1, "end_line": 6, "end_column": 3}]


def test_folder_is_recursed_in_order():
    proc = run(FIXTURES / "bad", FIXTURES / "good", "--format", "json", "--select", "H")
    paths = [d["path"] for d in json.loads(proc.stdout)]
    assert paths == sorted(paths, key=lambda p: (not p.startswith(str(FIXTURES / "bad")), p)) and paths


def test_unreadable_file_gives_one_line_and_exit_2_while_others_are_checked(tmp_path):
    missing = tmp_path / "nope.txt"
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    proc = run(missing, binary, BAD, "--select", "H")
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("lawlint: ") for line in err)
    assert "Traceback" not in proc.stderr
    assert "H101" in proc.stdout


def test_stdin():
    proc = run("-", "--select", "H", stdin=BAD.read_text(encoding="utf-8"))
    assert proc.returncode == 1 and proc.stdout.startswith("-:6:1: H103")


def test_select_and_ignore():
    assert "H103" not in run(BAD, "--ignore", "H103").stdout
    out = run(BAD, "--select", "H", "--ignore", "H1", "--extend-select", "H103").stdout
    assert out and all(" H103 " in line for line in out.splitlines())


def test_bad_option_is_a_usage_error():
    proc = run(BAD, "--select", "???")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert run("--no-such-flag").returncode == 2
    assert run().returncode == 2


def test_rules_lists_every_rule():
    proc = run("rules", "--format", "json")
    rules = json.loads(proc.stdout)
    assert {"H101", "H102", "H103"} <= {r["code"] for r in rules}
    assert all(r["summary"] and r["severity"] in ("error", "warning", "info") for r in rules)


def test_full_format_has_a_code_frame_with_cjk_aligned_carets():
    proc = run(BAD, "--select", "H101", "--format", "full", "--color", "never")
    lines = proc.stdout.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("8 | "))
    assert lines[i] == "8 | （三）严格执法"
    assert lines[i + 1] == "  | ^^^^^^"  # （三） is three double-width characters


def test_no_color_env_keeps_the_frame_but_drops_colour():
    import os

    env = dict(os.environ, NO_COLOR="1")
    proc = run(BAD, "--select", "H101", "--format", "full", env=env)
    assert "\x1b[" not in proc.stdout and "8 | （三）严格执法" in proc.stdout


def test_seed_runs_end_to_end():
    proc = run(seed_path("001"))
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
