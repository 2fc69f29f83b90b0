"""Kernels forked from the build's warm process (site/kernel_zygote.py, kernel_launcher.py):
each runs in its launcher's folder and environment, interrupts and stops as a kernel
started afresh does, and without a zygote the launcher starts an ordinary kernel."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client.manager import KernelManager

from quartiers2030.site import kernel_zygote


def _run(client, code: str) -> tuple[str, dict]:
    """What `code` printed, and its reply's content."""
    printed = []
    reply = client.execute_interactive(
        code,
        timeout=60,
        output_hook=lambda m: (
            printed.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None
        ),
    )
    return "".join(printed), reply["content"]


@pytest.fixture
def start(tmp_path, monkeypatch):
    """Start kernels as myst-nb does (KernelManager, the python3 specification), with the
    variables `warm_kernels` gives; yields a starter, and shuts every kernel down."""
    started = []

    def starter(variables: dict, **env):
        socket = Path(variables.get("Q2030_KERNEL_ZYGOTE", ""))
        for _ in range(100):  # the zygote binds its socket once started (a build starts Sphinx meanwhile)
            if not variables or socket.exists() or socket.name.endswith(".absent"):
                break
            time.sleep(0.1)
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        manager = KernelManager(kernel_name="python3")
        manager.start_kernel(cwd=str(tmp_path), env={**os.environ, **env})
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        started.append((manager, client))
        return manager, client

    yield starter
    for manager, client in started:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)


def test_a_kernel_from_the_zygote_runs_in_its_launchers_folder_and_environment(start, tmp_path):
    with kernel_zygote.warm_kernels() as variables:
        assert set(variables) == {"Q2030_KERNEL_ZYGOTE", "JUPYTER_PATH"}
        manager, client = start(variables, Q2030_TEST_VALUE="dans le noyau")
        printed, reply = _run(
            client,
            "import os, sys; from plotly.validator_cache import ValidatorCache as V; "
            "print(os.getcwd(), os.environ['Q2030_TEST_VALUE'], 'pandas' in sys.modules, "
            "os.getppid(), ('bar.marker', 'color') in V._cache, ('layout.xaxis', 'range') in V._cache, sep='|')",
        )
        assert reply["status"] == "ok", reply
        folder, value, preloaded, parent, *validators = printed.strip().split("|")
        assert folder == str(tmp_path)
        assert value == "dans le noyau"
        assert preloaded == "True"  # imported by the zygote before the fork
        assert validators == ["True", "True"]  # plotly's, for a bar's and the layout's properties
        launcher = manager.provisioner.process.pid
        assert int(parent) != launcher  # the zygote's child, not the launcher's


def _reply_to(client, channel: str, msg_id: str, wanted=lambda m: True, timeout: float = 30) -> dict:
    """The first message of `channel` answering `msg_id` that `wanted` accepts (a kernel_info
    reply left from the start-up wait may come first)."""
    deadline = time.monotonic() + timeout
    while True:
        message = getattr(client, f"get_{channel}_msg")(timeout=max(deadline - time.monotonic(), 0.1))
        if message["parent_header"].get("msg_id") == msg_id and wanted(message):
            return message


def test_an_interrupt_reaches_a_forked_kernel(start):
    with kernel_zygote.warm_kernels() as variables:
        manager, client = start(variables)
        msg_id = client.execute("import time; print('commence', flush=True); time.sleep(60)")
        _reply_to(client, "iopub", msg_id, lambda m: m["msg_type"] == "stream")  # the cell runs
        manager.interrupt_kernel()
        reply = _reply_to(client, "shell", msg_id, timeout=20)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"


def test_killing_the_launcher_stops_its_kernel(start):
    with kernel_zygote.warm_kernels() as variables:
        manager, client = start(variables)
        printed, _ = _run(client, "import os; print(os.getpid())")
        kernel = psutil.Process(int(printed))
        os.kill(manager.provisioner.process.pid, signal.SIGKILL)  # the launcher, as a kill does
        kernel.wait(timeout=10)  # raises psutil.TimeoutExpired if it outlives its launcher
        assert not kernel.is_running()


def test_without_a_zygote_the_launcher_starts_an_ordinary_kernel(start, monkeypatch):
    monkeypatch.setenv(kernel_zygote.SWITCH_ENV, "0")
    with kernel_zygote.warm_kernels() as variables:
        assert variables == {}
    with kernel_zygote.warm_kernels({**os.environ, kernel_zygote.SWITCH_ENV: "1"}) as variables:
        # the specification, with its socket gone: the launcher falls back
        variables = {**variables, "Q2030_KERNEL_ZYGOTE": variables["Q2030_KERNEL_ZYGOTE"] + ".absent"}
        manager, client = start(variables)
        printed, reply = _run(client, "import sys; print('pandas' in sys.modules)")
        assert reply["status"] == "ok" and printed.strip() == "False"
