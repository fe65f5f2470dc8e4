"""bandit finds nothing in kiezwerk/ with the project's configuration, and every exception to a
security rule in the code (`# nosec`, ruff's `# noqa: S…`) says why on its line."""

import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FOLDERS = ("kiezwerk", "tests", "bench")
# An exception: a ruff noqa of an S rule, or a bandit nosec. Its reason is the rest of the line's
# comments without the markers and codes (noqa: S603 - our gunicorn; nosec B406, then a reason).
EXCEPTION = re.compile(r"#\s*(noqa:\s*S\d+|nosec\b)")
MARKERS = re.compile(r"#\s*(noqa:?|nosec)|\b[A-Z]+\d{3}\b")
REASON = re.compile(r"[A-Za-z]{3,}")


def _python_lines():
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                yield f"{path.relative_to(ROOT)}:{number}", line


def test_bandit_finds_nothing():
    bandit = Path(sys.executable).parent / "bandit"

    result = subprocess.run(
        [bandit, "-c", "pyproject.toml", "-r", "kiezwerk", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_every_security_exception_gives_its_reason():
    unexplained = [
        where
        for where, line in _python_lines()
        if (found := EXCEPTION.search(line))
        and not REASON.search(MARKERS.sub(" ", line[found.start() :]))
    ]

    assert unexplained == []


def test_every_bandit_skip_gives_its_reason():
    config = (ROOT / "pyproject.toml").read_text().partition("[tool.bandit]")[2].split("\n[")[0]
    skips = config.partition("skips = [")[2].partition("]")[0]

    for line in filter(str.strip, skips.splitlines()):
        assert "#" in line and REASON.search(line.partition("#")[2]), line
