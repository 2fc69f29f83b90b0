"""jupyter-book's `build` command, with Sphinx reading the pages on several cores.

jupyter-book 1.x's command line has no `-j`, but the function it calls,
`jupyter_book.sphinx.build_sphinx`, takes `jobs` and hands it to Sphinx as its `parallel`.
This runs that same command with `jobs` set: Sphinx then reads the pages that need reading
in as many processes (when two or more need it), and myst-nb executes each page's
notebook as it reads it, so independent notebooks run side by side on the cores. Every
extension of the book declares itself safe for it (warnings are errors here: one that did
not would fail the build). Staleness is unchanged: which pages are read is decided before,
in the main process, and each page's digest is merged back with Sphinx's own data.
Each page is read in its own process, and its kernel is forked from one warm process
started for the build (`kernel_zygote`) and reached through socket files (`kernel_manager`).

    python -m quartiers2030.site.parallel_book JOBS <arguments of jupyter-book build>
"""

from __future__ import annotations

import functools
import os
import sys

from quartiers2030.site import kernel_manager, kernel_zygote


def available_cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _declare_multitoc_numbering_safe() -> None:
    """jupyter-book always loads sphinx-multitoc-numbering, which does not say whether it is
    safe for parallel reading (so Sphinx warns, and warnings are errors here). It is: it only
    replaces how the main process numbers the sections of numbered tables of contents (the
    book has none), and keeps nothing per page. Its setup, unchanged, now says so."""
    import sphinx_multitoc_numbering

    original = sphinx_multitoc_numbering.setup

    @functools.wraps(original)
    def setup(app):
        original(app)
        return {"parallel_read_safe": True, "parallel_write_safe": True}

    sphinx_multitoc_numbering.setup = setup


def one_page_a_process(docnames: list[str], nproc: int) -> list[list[str]]:
    """Every page read in its own process. Sphinx's own chunks (14 pages each for 43 pages
    on 2 cores) leave a core idle while the last chunk of heavy pages runs alone; one page
    a process keeps every core busy until the last page (a fork costs milliseconds, a page's
    notebook seconds)."""
    return [[name] for name in docnames]


def _read_one_page_a_process() -> None:
    """Sphinx's parallel read, with `one_page_a_process` as its chunks (its writing keeps
    Sphinx's chunks: a page is written in milliseconds)."""
    import sphinx.builders

    original = sphinx.builders.Builder._read_parallel
    chunks = sphinx.builders.make_chunks

    @functools.wraps(original)
    def _read_parallel(self, docnames, nproc):
        sphinx.builders.make_chunks = one_page_a_process
        try:
            return original(self, docnames, nproc)
        finally:
            sphinx.builders.make_chunks = chunks

    sphinx.builders.Builder._read_parallel = _read_parallel


def _read_two_pages_in_parallel() -> None:
    """Sphinx reads in parallel from six pages on; below, one after the other. A data edit
    usually reaches two to five pages (its page, « Ce que le site a relevé »...): they are
    read side by side too, as one page a process (`_read_one_page_a_process`)."""
    import sphinx.builders

    original = sphinx.builders.Builder._read_serial

    @functools.wraps(original)
    def _read_serial(self, docnames):
        if len(docnames) > 1 and self.app.parallel > 1 and self.app.is_parallel_allowed("read"):
            return self._read_parallel(docnames, nproc=self.app.parallel)
        return original(self, docnames)

    sphinx.builders.Builder._read_serial = _read_serial


def _kernels_on_socket_files() -> None:
    """myst-nb executes a notebook with jupyter-cache's `single_nb_execution`, which hands its
    keyword arguments to nbclient: the kernel manager is given there."""
    import myst_nb.core.execute.direct as direct

    direct.single_nb_execution = functools.partial(
        direct.single_nb_execution, kernel_manager_class=kernel_manager.BuildKernelManager
    )


def main(argv: list[str]) -> int:
    jobs, arguments = int(argv[0]), argv[1:]
    import jupyter_book.sphinx
    from jupyter_book.cli.main import main as jupyter_book_command

    _declare_multitoc_numbering_safe()
    _read_one_page_a_process()
    _read_two_pages_in_parallel()
    _kernels_on_socket_files()
    # `build` imports build_sphinx from its module when it runs: it finds this one.
    jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx, jobs=jobs)
    with kernel_zygote.warm_kernels() as kernels:
        os.environ.update(kernels)  # the kernels of every page come from the zygote
        try:
            jupyter_book_command(["build", *arguments], prog_name="jupyter-book")
            status = 0
        except SystemExit as done:  # click ends its command so
            status = exit_status(done.code)
    return status


def exit_status(code) -> int:
    """What Python makes of `sys.exit(code)`: a message is printed and means failure."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def leave(status: int) -> None:
    """Everything is written once jupyter-book returns: the process ends without Python's
    teardown of Sphinx's objects (about 1 s of each build's end, measured)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    leave(main(sys.argv[1:]))
