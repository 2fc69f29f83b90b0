"""The build reads (and so executes) pages on every available core: how many, and the one
extension jupyter-book always loads that must say it is safe for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from quartiers2030.site import build, parallel_book


def test_jobs_default_to_the_available_cores(monkeypatch):
    monkeypatch.delenv(build.JOBS_ENV, raising=False)
    assert build.jobs() == parallel_book.available_cores() >= 1


@pytest.mark.parametrize(("said", "expected"), [("1", 1), ("3", 3)])
def test_jobs_can_be_set(monkeypatch, said, expected):
    monkeypatch.setenv(build.JOBS_ENV, said)
    assert build.jobs() == expected


@pytest.mark.parametrize("said", ["0", "deux", "-2", ""])
def test_a_meaningless_count_of_jobs_falls_back_to_the_cores(monkeypatch, said):
    monkeypatch.setenv(build.JOBS_ENV, said)
    assert build.jobs() == parallel_book.available_cores()


def test_multitoc_numbering_still_sets_up_and_says_it_is_parallel_safe(monkeypatch):
    import sphinx_multitoc_numbering
    from sphinx.environment.collectors.toctree import TocTreeCollector

    monkeypatch.setattr(sphinx_multitoc_numbering, "setup", sphinx_multitoc_numbering.setup)
    monkeypatch.setattr(TocTreeCollector, "assign_section_numbers", TocTreeCollector.assign_section_numbers)
    connected = []

    class App:
        def connect(self, event, handler):
            connected.append(event)

    assert sphinx_multitoc_numbering.setup(App()) is None  # as published: says nothing
    parallel_book._declare_multitoc_numbering_safe()
    declared = sphinx_multitoc_numbering.setup(App())
    assert declared == {"parallel_read_safe": True, "parallel_write_safe": True}
    assert connected == ["builder-inited", "builder-inited"]
    assert TocTreeCollector.assign_section_numbers is sphinx_multitoc_numbering.assign_section_numbers


def test_two_pages_or_more_are_read_in_parallel_one_alone_or_one_job_serially(monkeypatch):
    import sphinx.builders

    calls = []
    monkeypatch.setattr(
        sphinx.builders.Builder, "_read_serial", lambda self, docs: calls.append(("serial", docs))
    )
    parallel_book._read_two_pages_in_parallel()

    class App:
        parallel = 2

        def is_parallel_allowed(self, what):
            return what == "read"

    class Builder:
        app = App()

        def _read_parallel(self, docs, nproc):
            calls.append(("parallel", docs, nproc))

    read = sphinx.builders.Builder._read_serial
    read(Builder(), ["a", "b"])
    read(Builder(), ["a"])
    Builder.app.parallel = 1  # Q2030_JOBS=1
    read(Builder(), ["a", "b"])
    assert calls == [("parallel", ["a", "b"], 2), ("serial", ["a"]), ("serial", ["a", "b"])]


def test_a_page_executed_as_myst_nb_does_runs_its_kernel_on_socket_files_of_its_own(monkeypatch):
    """Two kernels executed at once, as two pages read side by side: each is reached through
    its own socket files (no TCP port another process could take), removed once it stops."""
    import tempfile

    import myst_nb.core.execute.direct as direct

    monkeypatch.setattr(direct, "single_nb_execution", direct.single_nb_execution)
    with tempfile.TemporaryDirectory(prefix="q2030-test-") as name:  # short: a socket path has 107 bytes
        monkeypatch.setattr(tempfile, "tempdir", name)
        parallel_book._kernels_on_socket_files()
        first, second = _two_notebooks_at_once(direct, Path(name))
        for info in (first, second):
            assert info["transport"] == "ipc"
            assert info["ip"].startswith(str(Path(name) / "q2030-kernel-"))
        assert first["ip"] != second["ip"]
        assert list(Path(name).glob("q2030-kernel-*")) == []


def _two_notebooks_at_once(direct, folder: Path) -> list[dict]:
    """The connection information each of two notebooks' kernels gives, run at once."""
    import concurrent.futures
    import json

    import nbformat

    def execute(_):
        cell = "import ipykernel, json; print(ipykernel.get_connection_info())"
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
        result = direct.single_nb_execution(notebook, cwd=str(folder), timeout=60, allow_errors=False)
        assert result.err is None, result.exc_string
        return json.loads(notebook.cells[0].outputs[0]["text"])

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        return list(pool.map(execute, range(2)))


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), ("échec", 1)])
def test_the_build_process_ends_with_the_status_python_would_give(code, status, capsys):
    assert parallel_book.exit_status(code) == status
    assert capsys.readouterr().err == ("échec\n" if isinstance(code, str) else "")
