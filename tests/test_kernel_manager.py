"""The build's kernels are ready without jupyter_client's IOPub silences
(site/kernel_manager.py): while a kernel starts, IOPub is read with the short wait, and the
kernel then runs a cell whose output reaches the client as before. Kernels started with
jupyter_client's own manager keep its waits."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager

from quartiers2030.site import kernel_manager


async def _start_then_print(manager_class, waits: list) -> tuple[list, str]:
    manager = manager_class(kernel_name="python3")
    await manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        starting = list(waits)
        assert "get_msg" not in vars(client.iopub_channel)  # the class's own read again
        printed = []
        await client.execute_interactive(
            "print(6 * 7)",
            timeout=60,
            output_hook=lambda m: (
                printed.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None
            ),
        )
        return starting, "".join(printed)
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)


def test_a_starting_kernel_is_read_briefly_then_runs_a_cell_as_before(monkeypatch):
    waits: list = []
    read = AsyncZMQSocketChannel.get_msg

    async def spied(self, timeout=None):
        if self.socket.type == 2:  # zmq.SUB: IOPub
            waits.append(timeout)
        return await read(self, timeout)

    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", spied)

    def run(manager_class):
        waits.clear()
        # In a thread of its own: the worker's thread may hold Playwright's running loop.
        with ThreadPoolExecutor(1) as thread:
            return thread.submit(asyncio.run, _start_then_print(manager_class, waits)).result()

    starting, printed = run(kernel_manager.BuildKernelManager)
    assert starting and set(starting) == {kernel_manager.SILENCE}
    assert printed == "42\n"
    starting, printed = run(AsyncKernelManager)  # outside the build: jupyter_client's waits
    assert kernel_manager.IOPUB_WAIT in starting and kernel_manager.SILENCE not in starting
    assert printed == "42\n"
