"""Build hook (everything else is in pyproject.toml): the wheel ships the builds a first run of
lawlint would otherwise make, so a first run after installing and a --no-cache run start fast.

After build_py has laid the package out in the build folder, ``python -m lawlint.prebuild`` runs
from there (on the exact files the wheel will hold: lawlint checks a digest of them before it uses
the builds) and writes ``lawlint/prebuilt/``, linting the rules' examples and the fixtures.  It
imports what a run imports (pluggy, lark: [build-system] requires them).  A failure only warns:
the wheel is then built without the folder, and lawlint builds on first use, as it always could.
An editable install gets no folder: its files change under it.
"""

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithPrebuilt(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False) or self.dry_run:
            return
        build_lib = Path(self.build_lib).resolve()
        reports = sorted(str(path.resolve()) for path in Path("fixtures").glob("*/*.txt"))
        command = [sys.executable, "-m", "lawlint.prebuild", "--into", str(build_lib / "lawlint" / "prebuilt"), *reports]
        # From the build folder, `-m` imports the lawlint laid out there, not an installed one.
        # Without bytecode: __pycache__ folders written there would ship in the wheel.
        environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(command, cwd=build_lib, env=environment, capture_output=True, text=True)
        if done.returncode != 0:
            self.warn(f"lawlint: no prebuilt data in this build ({done.stderr.strip().splitlines()[-1:]})")
        else:
            self.announce(done.stdout.strip(), level=2)


setup(cmdclass={"build_py": BuildPyWithPrebuilt})
