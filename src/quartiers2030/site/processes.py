"""A build runs alone in its book folder, and a stopped build stops entirely.

- `one_build_at_a_time(root)`: a lock on the book folder; a second build of the same
  folder is refused at once, in French. Copies of the book in other folders (the tests'
  builds) each have their own lock.
- `run_logged(cmd, …)`: runs jupyter-book with its output copied to the build log. When
  the build is stopped (Ctrl+C, `kill`, the terminal closed), jupyter-book and every
  kernel it started are stopped too: kernels run in sessions of their own
  (jupyter_client starts them so), so the whole tree of processes is collected with
  psutil and stopped. Should this process be killed outright (SIGKILL, where no handler
  runs), the kernel asks Linux to stop jupyter-book with it (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
GRACE_SECONDS = 5


class BuildBusy(RuntimeError):
    """Another build holds the book folder."""


class BuildStopped(RuntimeError):
    """The build was stopped by a signal."""


@contextmanager
def one_build_at_a_time(root: Path) -> Iterator[None]:
    """A lock on the book folder itself (flock on its directory): nothing is written, and
    the lock goes with the process that holds it, however it ends."""
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(
                "Une construction du site est déjà en cours dans ce dossier. Attendez qu'elle se "
                "termine, ou arrêtez-la (Ctrl+C dans sa fenêtre), puis relancez « make site ». "
                "Le site actuel (_build/html) est conservé."
            ) from None
        yield
    finally:
        os.close(folder)


def _die_with_parent() -> None:
    """In the child, before it runs: Linux kills it if this process dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def stop_tree(pid: int) -> None:
    """Stop a process and all its descendants: SIGTERM, then SIGKILL after a grace period."""
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for proc in tree:
        with suppress(psutil.NoSuchProcess):
            proc.terminate()
    _, alive = psutil.wait_procs(tree, timeout=GRACE_SECONDS)
    for proc in alive:
        with suppress(psutil.NoSuchProcess):
            proc.kill()
    psutil.wait_procs(alive, timeout=GRACE_SECONDS)


def run_logged(cmd: list[str], *, cwd: Path, env: dict, log: Path, echo: bool) -> int:
    """Run `cmd`, its output written to `log` (and echoed); stopped with its whole tree."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8", buffering=1) as sink:  # line by line: readable live
        process = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # Ctrl+C reaches this process, which stops the tree
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        stopped: list[int] = []

        def stop(signum, _frame):
            stopped.append(signum)
            stop_tree(process.pid)
            raise BuildStopped(signal.Signals(signum).name)

        main = threading.current_thread() is threading.main_thread()
        previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS} if main else {}
        try:
            for line in process.stdout:
                sink.write(line)
                if echo:
                    sys.stdout.write(line)
            return process.wait()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            if process.poll() is None:  # left early (an error while copying the output)
                stop_tree(process.pid)
