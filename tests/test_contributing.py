"""The contributors' guide names only paths that exist, and every layer of the package."""

from __future__ import annotations

import re

from helpers import REPO

GUIDE = REPO / "CONTRIBUTING.md"
# A path in backquotes: starts with a folder of the repository, may hold <placeholders>.
PATH = re.compile(r"`((?:src|data|tests|notebooks|book|tools)/[^`\s]*|_config\.yml|_toc\.yml)`")


def _named_paths() -> list[str]:
    return sorted(set(PATH.findall(GUIDE.read_text(encoding="utf-8"))))


def test_the_guide_names_paths():
    assert len(_named_paths()) > 30


def test_every_path_the_guide_names_exists():
    missing = []
    for named in _named_paths():
        # `notebooks/<part>/*.md`: a placeholder or a wildcard must match at least one path
        pattern = re.sub(r"<[^>]+>", "*", named).rstrip("/")
        if not any(REPO.glob(pattern)) if "*" in pattern else not (REPO / pattern).exists():
            missing.append(named)
    assert not missing, f"CONTRIBUTING.md nomme des chemins absents : {missing}"


def test_the_guide_covers_every_layer_and_module_folder():
    text = GUIDE.read_text(encoding="utf-8")
    package = REPO / "src" / "quartiers2030"
    for layer in ("core", "data", "parts", "site"):
        assert f"src/quartiers2030/{layer}/" in text, layer
    for module in sorted((package / "core").glob("*.py")) + sorted((package / "data").glob("*.py")):
        if module.name != "__init__.py":
            assert f"src/quartiers2030/{module.parent.name}/{module.name}" in text, module.name
