"""Builds shipped inside the wheel (lawlint.prebuild): made from the rules' examples and the
fixtures, read before anything is built while the package's files match their manifest, never
used when they do not, and really in the wheel that `pip` builds."""

import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import FIXTURES, copy_working_tree
from lawlint import buildcache, cache, prebuild

REPORTS = sorted(str(path) for path in FIXTURES.glob("*/*.txt"))

_BUILD = "import sys; from pathlib import Path; from lawlint.prebuild import build; build(Path(sys.argv[1]), sys.argv[2:])"

# Lints the fixtures and prints their diagnostics; with a folder argument it may read only the
# shipped builds: compiling a pattern, parsing TOML or registering plugins with pluggy fails.
_LINT = """
import json, sys, tomllib
from pathlib import Path
from lawlint import buildcache
from lawlint.engine import Engine
from lawlint.registry import load_registry
from lawlint.rules import RuleContext
from datetime import date
shipped = Path(sys.argv[1]) if sys.argv[1] != "-" else None
buildcache.configure(None, prebuilt=shipped)
if shipped is not None:
    assert buildcache._checked_prebuilt() == str(shipped), "the manifest does not match"
    def refuse(*args, **kwargs):
        raise AssertionError("built although shipped")
    buildcache._compile_with_program = refuse
    tomllib.loads = refuse
    import lawlint.registry
    lawlint.registry._register = refuse  # the registration is replayed: pluggy is not asked
engine = Engine(load_registry(use_entry_points=False), context=RuleContext(today=date(2026, 11, 23)))
for path in sys.argv[2:]:
    for d in engine.lint_text(Path(path).read_text(encoding="utf-8"), path=path):
        print(json.dumps([path, d.code, d.start, d.end, d.message], ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("package") / "prebuilt"
    # A fresh process: builds this one made already would not be made again.
    subprocess.run([sys.executable, "-c", _BUILD, str(folder), *REPORTS], check=True)
    return folder


@pytest.fixture(autouse=True)
def _unconfigured():
    yield
    buildcache.configure(None)


def test_the_shipped_builds_answer_a_run_that_builds_nothing_and_says_the_same(shipped):
    def lint(folder):
        done = subprocess.run([sys.executable, "-c", _LINT, folder, *REPORTS], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    from_shipped, built = lint(str(shipped)), lint("-")
    assert from_shipped == built
    assert len(from_shipped.splitlines()) > 50  # the bad fixtures hold many defects
    manifest = buildcache.read_manifest(shipped)
    assert manifest == {"content": cache.content_fingerprint(), "python": " ".join(sys.version.split())}
    assert list(shipped.glob("regex-*.pickle")) and list(shipped.glob("toml-*.marshal"))
    assert list(shipped.glob("registration-*.marshal"))


def test_builds_whose_manifest_does_not_match_the_package_are_not_used(shipped, tmp_path):
    stale = tmp_path / "prebuilt"
    shutil.copytree(shipped, stale)
    manifest = buildcache.read_manifest(shipped)
    for wrong in ({"content": "0" * 64}, {"python": "3.11.0 (another build)"}):
        fields = {**manifest, **wrong}
        (stale / buildcache.MANIFEST).write_text("".join(f"{name} {value}\n" for name, value in fields.items()),
                                                 encoding="utf-8")
        buildcache.configure(None, prebuilt=stale)
        assert buildcache._checked_prebuilt() is None
    (stale / buildcache.MANIFEST).unlink()
    buildcache.configure(None, prebuilt=stale)
    assert buildcache._checked_prebuilt() is None
    buildcache.configure(None, prebuilt=shipped)
    assert buildcache._checked_prebuilt() == str(shipped)


def test_a_match_is_remembered_in_the_cache_folder_until_the_package_files_change(shipped, tmp_path, monkeypatch):
    hashed = []
    real = cache.content_fingerprint
    monkeypatch.setattr(cache, "content_fingerprint", lambda skip=None: hashed.append(1) or real(skip))
    for stamp in ("files-1", "files-1", "files-2"):
        buildcache.configure(tmp_path / "builds", stamp=lambda stamp=stamp: stamp, prebuilt=shipped)
        assert buildcache._checked_prebuilt() == str(shipped)
    assert len(hashed) == 2  # once per set of file stamps
    assert len(list((tmp_path / "builds").glob("prebuilt-matches-*.ok"))) == 2


def test_builds_added_to_the_shipped_ones_go_to_the_cache_folder_only(shipped, tmp_path):
    before = {path.name: path.read_bytes() for path in shipped.iterdir()}
    buildcache.configure(tmp_path / "builds", stamp=lambda: "s", prebuilt=shipped)
    assert buildcache.compile_regex("未曾(见过)的模式").search("一个未曾见过的模式").group(1) == "见过"
    assert buildcache.plain_build("new-table", b"data", lambda: {"n": 1}) == {"n": 1}
    buildcache.flush()
    assert {path.name: path.read_bytes() for path in shipped.iterdir()} == before
    assert list((tmp_path / "builds").glob("new-table-*.marshal")) and list((tmp_path / "builds").glob("regex-*.pickle"))


def test_the_content_fingerprint_follows_bytes_not_stamps(tmp_path, monkeypatch):
    package = tmp_path / "lawlint"
    (package / "plugins").mkdir(parents=True)
    (package / "rules.py").write_text("X = 1\n", encoding="utf-8")
    (package / "plugins" / "words.toml").write_text("a = 1\n", encoding="utf-8")
    (package / "prebuilt").mkdir()
    monkeypatch.setattr(cache, "_package_folders", lambda: [package, package / "plugins"])
    first = cache.content_fingerprint(skip=package / "prebuilt")
    (package / "prebuilt" / "x.json").write_text("{}", encoding="utf-8")  # the builds themselves
    (package / "rules.py").touch()
    assert cache.content_fingerprint(skip=package / "prebuilt") == first
    (package / "plugins" / "words.toml").write_text("a = 2\n", encoding="utf-8")
    assert cache.content_fingerprint(skip=package / "prebuilt") != first


def test_the_command_refuses_a_folder_other_than_its_own_package(tmp_path, capsys):
    assert prebuild.main(["--into", str(tmp_path / "elsewhere")]) == 2
    assert prebuild.main([]) == 2
    assert not (tmp_path / "elsewhere").exists()
    assert "prebuilt" in capsys.readouterr().err


def test_the_wheel_ships_builds_that_match_its_installed_files(tmp_path):
    source, wheels, site = tmp_path / "source", tmp_path / "wheels", tmp_path / "site"
    copy_working_tree(source)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("lawlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert f"lawlint/prebuilt/{buildcache.MANIFEST}" in names
    assert any(name.startswith("lawlint/prebuilt/regex-") for name in names)
    assert not [name for name in names if name.endswith(".pyc")]
    installed = subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    check = ("import sys; sys.path.insert(0, sys.argv[1]); from lawlint import buildcache; "
             "buildcache.configure(None, prebuilt=buildcache.PREBUILT); "
             "print(buildcache.PREBUILT.startswith(sys.argv[1]), buildcache._checked_prebuilt() is not None)")
    done = subprocess.run([sys.executable, "-c", check, str(site)], capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True"], done.stderr
