"""The pre-commit hooks, run for real: pre-commit builds lawlint from a commit of this working tree
into its own virtual environment and runs it on a temporary repository holding a bad report."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, copy_working_tree

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")

BAD = FIXTURES / "bad" / "heading_numbering.txt"
# heading_numbering.txt: line 6 "1、完善…" (H103, fixable), line 8 "（三）严格执法" (H101).


def git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def _snapshot_of_working_tree(dest):
    """try-repo builds from a commit: commit the working tree as it is into a fresh repository."""
    copy_working_tree(dest)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot", cwd=dest)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("lawlint-repo")
    _snapshot_of_working_tree(repo)
    return repo, tmp_path_factory.mktemp("pre-commit-home")


def _reports_repo(path):
    path.mkdir()
    shutil.copy(BAD, path / "report.txt")
    (path / "notes.py").write_text("x = 1\n", encoding="utf-8")  # not a report: never passed to lawlint
    git("init", "-q", cwd=path)
    git("add", ".", cwd=path)
    git("commit", "-q", "-m", "reports", cwd=path)
    return path


def _try_repo(repo, home, hook, cwd):
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), hook, "--all-files",
                           "--verbose"], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_lawlint_hook_fails_on_a_bad_report(hook_repo, tmp_path):
    repo, home = hook_repo
    reports = _reports_repo(tmp_path / "reports")
    proc = _try_repo(repo, home, "lawlint", reports)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "report.txt:6:1: H103" in out and "report.txt:8:1: H101" in out
    assert "notes.py" not in out.split("- hook id: lawlint", 1)[-1]


def test_lawlint_fix_hook_rewrites_the_report_and_fails(hook_repo, tmp_path):
    repo, home = hook_repo
    reports = _reports_repo(tmp_path / "reports")
    proc = _try_repo(repo, home, "lawlint-fix", reports)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    fixed = (reports / "report.txt").read_text(encoding="utf-8")
    assert fixed == BAD.read_text(encoding="utf-8").replace("1、完善", "1.完善")
