"""The build's kernels are ready without jupyter_client's IOPub silences
(site/kernel_readiness.py): while a kernel starts, IOPub is read with the short wait, and
the kernel then runs a cell whose output reaches the client as before."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager

from quartiers2030.site import kernel_readiness


def test_a_starting_kernel_is_read_briefly_then_runs_a_cell_as_before(monkeypatch):
    monkeypatch.setattr(AsyncKernelClient, "wait_for_ready", AsyncKernelClient.wait_for_ready)
    kernel_readiness.shorten_iopub_waits()
    kernel_readiness.shorten_iopub_waits()  # once only: not wrapped twice
    assert AsyncKernelClient.wait_for_ready.shortened
    waits: list = []
    read = AsyncZMQSocketChannel.get_msg

    async def spied(self, timeout=None):
        if self.socket.type == 2:  # zmq.SUB: IOPub
            waits.append(timeout)
        return await read(self, timeout)

    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", spied)

    async def run() -> tuple[list, str]:
        manager = AsyncKernelManager(kernel_name="python3")
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

    # In a thread of its own: the worker's thread may hold Playwright's running loop.
    with ThreadPoolExecutor(1) as thread:
        starting, printed = thread.submit(asyncio.run, run()).result()
    assert starting and set(starting) == {kernel_readiness.SILENCE}
    assert printed == "42\n"
