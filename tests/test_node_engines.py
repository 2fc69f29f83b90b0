"""Every npm package that Node.js runs here runs on Debian's Node.js (issue 15, item 9).

`tools/system-deps.sh` installs Debian 12's `nodejs` (18.19.0) on a fresh machine, so each
package the build, the tests or the benchmark execute must accept that version in its
`engines`. plotly.js is the one exception by design: Node never runs it; esbuild only reads
its sources to bundle them for the browser (`site/plotly_bundle.py`), so its dependencies'
engines (Node ≥ 20 or 22) do not apply. The ranges are read with npm's own `semver`.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from helpers import REPO

DEBIAN_NODE = "18.19.0"  # Debian 12 "bookworm": nodejs 18.19.0+dfsg
BUNDLED_ONLY = {"plotly.js", "plotly.js-basic-dist-min"}  # read by esbuild or the browser, never run

LOCK = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))["packages"]


def _resolve(at: str, name: str) -> str:
    """The lockfile key of dependency `name` as Node resolves it from package key `at`."""
    base = at
    while True:
        key = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if key in LOCK:
            return key
        if not base:
            raise KeyError(f"{name} (from {at or 'the root'}) is not in package-lock.json")
        base = base.rsplit("/node_modules/", 1)[0] if "/node_modules/" in base else ""


def run_by_node() -> set[str]:
    """Lockfile keys of every package reachable from the root without going through a
    bundled-only package."""
    root = LOCK[""]
    todo = [_resolve("", n) for n in root.get("dependencies", {}) if n not in BUNDLED_ONLY]
    seen: set[str] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        entry = LOCK[key]
        for name in {**entry.get("dependencies", {}), **entry.get("optionalDependencies", {})}:
            try:
                todo.append(_resolve(key, name))
            except KeyError:
                if name not in entry.get("optionalDependencies", {}):
                    raise
    return seen


def refused(version: str, engines: dict[str, str]) -> list[str]:
    """The packages whose `engines.node` range does not admit `version` (npm's semver)."""
    script = (
        "const semver = require('semver');"
        "const [version, ranges] = [process.argv[1], JSON.parse(process.argv[2])];"
        "console.log(JSON.stringify(Object.keys(ranges).filter("
        "k => !semver.satisfies(version, ranges[k], {includePrerelease: true}))));"
    )
    done = subprocess.run(
        ["node", "-e", script, version, json.dumps(engines)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(json.loads(done.stdout))


def node_engines(keys: set[str]) -> dict[str, str]:
    return {
        k: LOCK[k]["engines"]["node"]
        for k in keys
        if isinstance(LOCK[k].get("engines"), dict) and "node" in LOCK[k]["engines"]
    }


@pytest.fixture(scope="module")
def executed() -> set[str]:
    if not (REPO / "node_modules" / "semver").is_dir():
        pytest.fail("node_modules is not installed: run `make site` (npm ci) first")
    return run_by_node()


def test_every_package_node_runs_accepts_debian_node(executed):
    assert "node_modules/lighthouse" in executed and "node_modules/esbuild" in executed
    assert refused(DEBIAN_NODE, node_engines(executed)) == []


def test_the_check_reads_ranges_as_npm_does(executed):
    # The same reading refuses a version older than what lighthouse declares, and the
    # plotly.js sources that only esbuild reads would be refused if Node ran them.
    assert "node_modules/lighthouse" in refused("16.20.0", node_engines(executed))
    assert "node_modules/plotly.js" in refused(DEBIAN_NODE, node_engines({"node_modules/plotly.js"}))
    assert "node_modules/plotly.js" not in executed


def test_a_package_missing_from_the_lockfile_is_reported():
    with pytest.raises(KeyError, match="no-such-package"):
        _resolve("node_modules/lighthouse", "no-such-package")
