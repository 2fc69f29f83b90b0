"""The site's own plotly.js: `js/plotly-entry.js` (plotly's core with the bar and scatter
traces only) bundled by esbuild from the `plotly.js` package in node_modules, both pinned
by package-lock.json.

Built when a build needs it, not kept in git: the file is derived from what `npm ci`
installed, and the same inputs give the same bytes (esbuild is deterministic; no path,
date or comment of the machine is written). It is kept in `node_modules/.cache/`, under
a name made of the hash of its inputs (this entry, esbuild's arguments, the versions of
plotly.js and esbuild), so a change of any of them builds it anew and an unchanged one
costs nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ENTRY = Path(__file__).resolve().parent / "js" / "plotly-entry.js"
# The file's name in the site's _static/.
NAME = "plotly-q2030.min.js"
ESBUILD = Path("esbuild") / "bin" / "esbuild"
# As plotly.js's own esbuild-config.js, minified, without the CSS of the map traces
# (imported by plotly's registry; the site has no map trace) and without legal comments
# (the licence is plotly.js's, MIT, in node_modules). Its first line asks Chromium to
# compile every function of the file while it downloads it, off the page's main thread
# (V8's explicit compile hints): plotly.js calls most of them at once when it loads, and
# compiled lazily they held the main thread about twice as long (measured, 4x slower CPU).
COMPILE_HINT = "//# allFunctionsCalledOnLoad"
ARGS = [
    f"--banner:js={COMPILE_HINT}",
    "--bundle",
    "--minify",
    "--format=iife",
    "--global-name=Plotly",
    "--target=es2016",
    "--define:global=window",
    "--define:define.amd=false",
    "--loader:.css=empty",
    "--legal-comments=none",
    "--log-level=warning",
    "--sourcefile=plotly-entry.js",
]
INPUTS = [Path("plotly.js") / "package.json", Path("esbuild") / "package.json"]


def inputs_key(node_modules: Path) -> str:
    digest = hashlib.sha256(ENTRY.read_bytes())
    digest.update("\0".join(ARGS).encode())
    for name in INPUTS:
        digest.update((node_modules / name).read_bytes())
    return digest.hexdigest()[:16]


def bundle(node_modules: Path) -> Path:
    """The bundle built from this node_modules folder (built now if it is not yet)."""
    for name in [ESBUILD, *INPUTS]:
        if not (node_modules / name).is_file():
            raise FileNotFoundError(
                f"{node_modules / name} introuvable : lancez « npm ci » à la racine du projet "
                "(« make site » le fait)."
            )
    cached = node_modules / ".cache" / "quartiers2030" / f"plotly-{inputs_key(node_modules)}.min.js"
    if cached.is_file():
        return cached
    output = esbuild(node_modules)
    cached.parent.mkdir(parents=True, exist_ok=True)
    # Written beside, then renamed: two builds at once never read half a file.
    with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False, suffix=".tmp") as handle:
        handle.write(output)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, cached)
    return cached


def esbuild(node_modules: Path) -> bytes:
    """The bundle's bytes, as esbuild writes them (nothing cached)."""
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("Node.js (node) est requis pour construire plotly.js : installez-le.")
    proc = subprocess.run(
        [node, str(node_modules / ESBUILD), *ARGS],
        input=ENTRY.read_bytes(),
        capture_output=True,
        cwd=node_modules,
        env={**os.environ, "NODE_PATH": str(node_modules)},
    )
    if proc.returncode != 0 or not proc.stdout:
        raise RuntimeError(
            "esbuild n'a pas pu construire plotly.js :\n" + proc.stderr.decode(errors="replace")
        )
    return proc.stdout
