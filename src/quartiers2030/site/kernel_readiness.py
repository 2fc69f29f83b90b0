"""A kernel is ready once it has answered `kernel_info` and its IOPub channel delivers:
jupyter_client's `wait_for_ready` (8.x) also waits for 0.2 s of silence on IOPub, once to
see the channel connected and once more to drain it, before nbclient runs the first cell.
Per notebook that is 0.2-0.4 s of waiting, on both cores at once, for messages nbclient
never reads (it picks the messages of each request by their parent's id). For the build
only (parallel_book), the silence waited for is shortened: a channel not yet connected
makes `wait_for_ready` ask `kernel_info` again, as it already does.

Measured on this machine (a kernel forked by kernel_zygote, ready to run a cell): 0.41-0.59 s
with jupyter_client's waits, 0.23-0.25 s with these."""

from __future__ import annotations

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.utils import ensure_async

IOPUB_WAIT = 0.2  # jupyter_client's own, both times
SILENCE = 0.02


def shorten_iopub_waits() -> None:
    """nbclient's kernel clients (asynchronous) wait SILENCE where jupyter_client waits
    IOPUB_WAIT while a kernel starts; every other read of the channel is unchanged."""
    if getattr(AsyncKernelClient.wait_for_ready, "shortened", False):
        return
    original = AsyncKernelClient.wait_for_ready

    async def wait_for_ready(self, timeout=None):
        channel = self.iopub_channel
        read = channel.get_msg

        async def briefly(timeout=None):
            return await ensure_async(read(timeout=SILENCE if timeout == IOPUB_WAIT else timeout))

        channel.get_msg = briefly
        try:
            await original(self, timeout)
        finally:
            del channel.get_msg  # the class's own again

    wait_for_ready.shortened = True
    AsyncKernelClient.wait_for_ready = wait_for_ready
