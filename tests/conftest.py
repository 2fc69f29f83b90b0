"""Fixtures: the contract's text, one clean build of the book per test run (shared by every
pytest-xdist worker), a local server, a browser."""

from __future__ import annotations

import fcntl
import json
import shutil
from pathlib import Path

import pytest

from helpers import REPO, BuildResult, contract_lines, copy_book, publish_two_releases, run_build

# Debian's chromium and the flags measured to work here: one list, shared with the PDF printer.
from quartiers2030.site.pdf import CHROMIUM, CHROMIUM_ARGS

# Under pytest-xdist (`--dist loadfile --no-loadscope-reorder`, as `make test` runs it),
# files are handed out in collection order. The modules that make their own builds of the
# book go first (test_rebuild reads the shared build only in its last test); then the files
# that need no build, which run while the shared build (`built`) is being made; then those
# that read it.
OWN_BUILDS_FIRST = ("test_publish.py", "test_rebuild.py", "test_suivi_pages.py")
NEEDS_A_BUILD = ("build", "browser")


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (make test, make bench): one worker more than the cores. The tests wait a
    good part of their time (on a build's serial steps, on Chromium, on a kernel); with as
    many workers as cores, `make test` kept 2 cores 66 % busy and took 8 min 11 s; with one
    more, 7 min 18 s (same machine, nothing else running)."""
    from quartiers2030.site.parallel_book import available_cores

    return available_cores() + 1


def pytest_collection_modifyitems(items):
    heavy = {item.path for item in items if any(item.get_closest_marker(m) for m in NEEDS_A_BUILD)}

    def rank(item) -> int:
        if item.path.name in OWN_BUILDS_FIRST:
            return OWN_BUILDS_FIRST.index(item.path.name)
        return len(OWN_BUILDS_FIRST) + (item.path in heavy)

    items.sort(key=rank)  # stable: the order within a rank is kept


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A book root holding a copy of the data only (data/), for the check and the import;
    the environment a build sets for its kernels is cleared. Modules may define their own."""
    from quartiers2030.data import datapackage

    monkeypatch.delenv("Q2030_ROOT", raising=False)
    monkeypatch.delenv(datapackage.DECLARED_INPUTS_ENV, raising=False)
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path


@pytest.fixture(scope="session")
def lines() -> tuple[str, ...]:
    """The contract's text, line n at index n - 1."""
    return contract_lines()


def once_per_run(tmp_path_factory, worker_id, name: str, make) -> dict:
    """`make(folder)` run once per test run, whichever pytest-xdist worker asks first, in
    the run's common temporary folder and under a lock; its record (JSON) is read by the
    others. For the builds that several modules share."""
    shared = (
        tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    )
    record = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.exists():
            record.write_text(json.dumps(make(shared / name)), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))


def _clean_build(folder: Path, prepare=None) -> dict:
    root = copy_book(folder / "book")
    if prepare:
        prepare(root)
    result = run_build(root, "--clean")
    return {"root": str(result.root), "returncode": result.returncode, "output": result.output}


def _build_result(saved: dict) -> BuildResult:
    result = BuildResult(Path(saved["root"]), saved["returncode"], saved["output"])
    assert result.returncode == 0, f"la construction a échoué :\n{result.output[-4000:]}"
    return result


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id):
    """A clean build of a copy of the book: its exit status, its log and its site, made
    once per run (`once_per_run`)."""
    return _build_result(once_per_run(tmp_path_factory, worker_id, "full-build", _clean_build))


@pytest.fixture(scope="session")
def published(tmp_path_factory, worker_id) -> dict:
    """Two releases published as CI does (helpers.publish_two_releases), once per run: read
    by test_publish.py and, for the PDF of v2027.1, by test_pdf.py (a book printed once)."""
    return once_per_run(tmp_path_factory, worker_id, "published", publish_two_releases)


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built.site


@pytest.fixture(scope="session")
def server(site):
    """The site served as `make serve` and a static host serve it (gzip, cache headers)."""
    from quartiers2030.site.server import serving

    with serving(site) as origin:
        yield origin


@pytest.fixture(scope="session")
def playwright():
    """One Playwright per worker: its sync API refuses a second one in the same thread."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium (Debian) est requis : apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    # A persistent context is the way to give Chromium its own fresh --user-data-dir.
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield context
    context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def phone(playwright):
    """A phone as residents hold it: 390 x 844, touch, mobile viewport (a persistent
    context cannot emulate touch, so this one is a separate incognito browser)."""
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, device_scale_factor=2
    )
    yield context
    context.close()
    chromium.close()


# Values added after the contract, as staff add them (« Mettre à jour les données »): the
# project holds no Insee file, so these rows are the test's own. Two quartiers get an Insee
# 2021 poverty rate; one gets a corrected 2019 value from another source.
ADDED_SOURCES = (
    "insee_filosofi_2021,Insee,Filosofi,2021,https://www.insee.fr/fr/statistiques/7233950,"
    "Licence Ouverte / Open Licence 2.0 (Etalab),Téléchargé sur insee.fr (niveau quartier prioritaire)\n"
    "cab_rectificatif_2025,CAB,Portrait des quartiers rectifié,2025,https://www.agglo-boulonnais.fr,"
    "non précisée,Transmis par le service politique de la ville\n"
)
ADDED_FACTS = (
    "QN06251M,QN06251M,pauvrete,taux_pauvrete,Taux de pauvreté,47.1,,%,2021,,,,,,insee_filosofi_2021,\n"
    "QN06249M,QN06249M,pauvrete,taux_pauvrete,Taux de pauvreté,40.2,,%,2021,,,,,,insee_filosofi_2021,\n"
    "QN06252M,henriville_montplaisir,pauvrete,taux_pauvrete,Taux de pauvreté rectifié,37.9,,%,2019,,,,,,"
    "cab_rectificatif_2025,\n"
)


# A programmation of the test's own (tests/fixtures/, never published): two years, several
# financers per action, every kind of column. Written into the copy as the import writes
# it (each row's source, the source's row in sources.csv); the import itself is tested
# in test_programmation_import.py.
PROGRAMMATION_FIXTURE = Path(__file__).parent / "fixtures" / "programmation-2024-2025.csv"
PROGRAMMATION_SOURCE = "programmation_2024_2025"
ADDED_PROGRAMMATION_SOURCE = (
    f"{PROGRAMMATION_SOURCE},Communauté d'agglomération du Boulonnais (CAB),Programmation du contrat "
    "de ville,2024-2025,programmation-2024-2025.csv,non précisée,Exemple des tests\n"
)


def add_programmation(data: Path) -> None:
    """The fixture programmation in a copy of data/, with its source."""
    header, *rows = PROGRAMMATION_FIXTURE.read_text(encoding="utf-8").splitlines()
    target = data / "suivi" / "programmation.csv"
    assert target.read_text(encoding="utf-8") == f"{header},source\n"  # published header-only
    target.write_text(
        f"{header},source\n" + "".join(f"{row},{PROGRAMMATION_SOURCE}\n" for row in rows), encoding="utf-8"
    )


def add_values_after_the_contract(data: Path) -> None:
    """Append ADDED_SOURCES and ADDED_FACTS to a copy of data/, and the fixture programmation."""
    for name, rows in (
        ("sources.csv", ADDED_SOURCES + ADDED_PROGRAMMATION_SOURCE),
        ("geographie/indicateurs.csv", ADDED_FACTS),
    ):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8") + rows, encoding="utf-8")
    add_programmation(data)


@pytest.fixture(scope="session")
def extended_built(tmp_path_factory, worker_id):
    """One clean build of a copy of the book whose data/ holds the values added after the
    contract and the fixture programmation (add_values_after_the_contract): made once per
    run and shared by every worker, as `built` is, for every test on added data."""
    saved = once_per_run(
        tmp_path_factory,
        worker_id,
        "extended-build",
        lambda folder: _clean_build(folder, lambda root: add_values_after_the_contract(root / "data")),
    )
    return _build_result(saved)


@pytest.fixture(scope="session")
def extended_server(extended_built):
    from quartiers2030.site.server import serving

    with serving(extended_built.site) as origin:
        yield origin


@pytest.fixture(scope="module")
def extended(tmp_path_factory) -> Path:
    """A book root whose data/ is a copy of the project's with the values of ADDED_FACTS
    added after the contract and the fixture programmation: made once per module that uses it, and never changed by the
    tests (a test that needs to break it copies it first). Point the package at it with
    `on(extended)` (test_sources.py) or Q2030_ROOT."""
    from quartiers2030.data import datapackage

    root = tmp_path_factory.mktemp("extended")
    shutil.copytree(REPO / "data", root / "data")
    add_values_after_the_contract(root / "data")
    datapackage._descriptor.cache_clear()
    return root
