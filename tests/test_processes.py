"""One build at a time per book folder, and a stopped build stops entirely, kernels
included (they run in sessions of their own, as jupyter_client starts them)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quartiers2030.site import build as build_mod
from quartiers2030.site import processes

# A stand-in for jupyter-book: it starts a "kernel" in a session of its own, as
# jupyter_client does, writes both process ids, then works for a minute.
FAKE_BUILD = textwrap.dedent(
    """
    import subprocess, sys, time
    kernel = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    print(f"pids {__import__('os').getpid()} {kernel.pid}", flush=True)
    time.sleep(60)
    """
)
# What `make site` is, seen from outside: a process that runs the stand-in through
# run_logged and reports how it ended.
LAUNCHER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from quartiers2030.site import processes
    try:
        processes.run_logged([sys.executable, "-c", sys.argv[1]], cwd=Path("."), env=None,
                             log=Path(sys.argv[2]), echo=False)
    except processes.BuildStopped as stopped:
        print(f"arrêtée par {stopped}", flush=True)
        sys.exit(3)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead: its parent has not collected it yet
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _start(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    log = tmp_path / "build.log"
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, FAKE_BUILD, str(log)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
    )
    for _ in range(600):  # 30 s: a loaded machine starts Python slowly
        if log.exists() and "pids" in log.read_text():
            return launcher, [int(p) for p in log.read_text().split()[1:3]]
        time.sleep(0.05)
    launcher.kill()
    pytest.fail("le faux jupyter-book n'a pas démarré")


def _gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stopped_build_stops_jupyter_book_and_its_kernels(tmp_path, signum):
    launcher, pids = _start(tmp_path)
    try:
        launcher.send_signal(signum)
        out, _ = launcher.communicate(timeout=20)
        assert launcher.returncode == 3
        assert f"arrêtée par {signal.Signals(signum).name}" in out
        assert _gone(pids), [p for p in pids if _alive(p)]
    finally:
        for pid in pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_killed_build_takes_jupyter_book_with_it(tmp_path):
    """SIGKILL runs no handler: Linux stops the child (PR_SET_PDEATHSIG). The kernel is
    then left to its own parent poller, as under jupyter-book itself."""
    launcher, (child, kernel) = _start(tmp_path)
    try:
        launcher.kill()
        launcher.wait(timeout=10)
        assert _gone([child]), "jupyter-book continue après l'arrêt de la construction"
    finally:
        for pid in (child, kernel):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_second_build_of_the_same_folder_is_refused_in_french(tmp_path):
    with processes.one_build_at_a_time(tmp_path), pytest.raises(build_mod.BuildError) as refused:
        build_mod.build(tmp_path)
    message = str(refused.value)
    assert message == (
        "Une construction du site est déjà en cours dans ce dossier. Attendez qu'elle se termine, "
        "ou arrêtez-la (Ctrl+C dans sa fenêtre), puis relancez « make site ». Le site actuel "
        "(_build/html) est conservé."
    )
    assert list(tmp_path.iterdir()) == []  # nothing was started, nothing written


def test_builds_of_two_folders_run_side_by_side(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with processes.one_build_at_a_time(tmp_path / "a"), processes.one_build_at_a_time(tmp_path / "b"):
        pass


def test_the_lock_is_released_when_a_build_fails(tmp_path):
    with pytest.raises(ValueError), processes.one_build_at_a_time(tmp_path):
        raise ValueError("échec")
    with processes.one_build_at_a_time(tmp_path):
        pass


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from quartiers2030.site import processes\n"
            "with processes.one_build_at_a_time(Path(sys.argv[1])):\n"
            "    print('pris', flush=True); time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
    )
    assert holder.stdout.readline().strip() == "pris"
    with pytest.raises(processes.BuildBusy), processes.one_build_at_a_time(tmp_path):
        pass
    holder.kill()
    holder.wait(timeout=10)
    with processes.one_build_at_a_time(tmp_path):
        pass
