"""`-m browser` and `-m "not browser"` select what they say: `make check` relies on it."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
E2E = "tests/e2e/"


def collected(marks: str) -> set[str]:
    """The test ids that `pytest -m marks` would run (collected, none of them run)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-m", marks, "tests"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode in (0, 5), result.stdout + result.stderr  # 5: none selected
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_the_browser_mark_selects_exactly_the_browser_tests():
    # The two selections split the suite, so together they are every test there is.
    with ThreadPoolExecutor(2) as pool:
        browser, others = pool.map(collected, ["browser", "not browser"])
    everything = browser | others
    in_e2e = {test for test in everything if test.startswith(E2E)}

    assert in_e2e, "no browser test was collected at all"
    assert browser == in_e2e
    assert not others & in_e2e
    assert others, "no test without a browser was collected"
