"""What a linting run's start leaves out: pluggy sees only the built-in plugins' hooks, digests
come without hashlib, and a changed file's run imports no baseline, fix, hashlib, pluggy or typing
module."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from lawlint import hookspec, plugins
from lawlint.digest import blake2b, sha256
from lawlint.registry import _Hooks


def test_pluggy_is_given_the_hooks_of_a_builtin_plugin_and_nothing_else():
    import importlib

    hook_names = {name for name in vars(hookspec) if name.startswith("lawlint_")}
    for modname in plugins.BUILTIN:
        module = importlib.import_module(modname)
        hooks = _Hooks(module)
        assert set(dir(hooks)) == {name for name in hook_names if hasattr(module, name)}
        assert all(getattr(hooks, name) is getattr(module, name) for name in dir(hooks))


def test_the_digests_are_hashlibs():
    data = "法治政府建设年度报告".encode("utf-8") * 1000
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert blake2b(data, digest_size=16).hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()


def _modules_of_two_runs(tmp_path, watched: tuple[str, ...], *options: str) -> tuple[str, str]:
    """Which of ``watched`` a first run of the command on a report loads, and a second run after
    the report changed, each as the run's last output line.  (A development install's import
    hook loads pathlib before lawlint: only what the run itself adds counts.)"""
    report = tmp_path / "r.txt"
    report.write_text("2023年法治政府建设情况报告\n\n一、主要举措\n\n我局依法行政。\n", encoding="utf-8")
    code = ("import sys; before = set(sys.modules); from lawlint.cli import main; "
            f"main([{str(report)!r}, '--cache-dir', {str(tmp_path / 'cache')!r}, '--format', 'concise', "
            f"'--today', '2026-11-23', '--exit-zero', *{list(options)!r}]); "
            f"print('loaded:', sorted(m for m in {watched!r} if m in sys.modules and m not in before))")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    with report.open("a", encoding="utf-8") as file:
        file.write("我局严格执法。\n")  # changed: linted again, with the builds the first run kept
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    return first.stdout.splitlines()[-1], second.stdout.splitlines()[-1]


def test_a_changed_file_is_linted_without_importing_baselines_fixes_hashlib_json_pickle_or_pluggy(tmp_path):
    _, out = _modules_of_two_runs(tmp_path, ("lawlint.baseline", "lawlint.fixes", "hashlib", "json", "pickle",
                                             "pluggy", "inspect", "typing", "lawlint.plugins.sections"), "--isolated")
    assert out == "loaded: ['lawlint.plugins.sections']"  # it linted


def test_a_configured_repository_reads_its_configuration_back_without_tomllib_or_pathlib(tmp_path):
    (tmp_path / "lawlint.toml").write_text('ignore = ["W2"]\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "reports"\n', encoding="utf-8")
    first, out = _modules_of_two_runs(tmp_path, ("tomllib", "typing", "pathlib", "lawlint.plugins.sections"))
    assert "tomllib" in first  # parsed once, then kept with the builds
    assert out == "loaded: ['lawlint.plugins.sections']"
