"""The kernel manager of the build's notebooks: its kernel is reached through socket files,
not TCP ports, is ready without waiting for silences, and its end is noticed at once.

Socket files. jupyter_client chooses a kernel's five TCP ports by binding port 0 and
closing the socket, then writes them to the connection file; the kernel binds them a moment
later. In between, any other process may be given one of those ports: another page's
kernel starting (pages are executed side by side, each from its own process, so
jupyter_client's per-process port cache does not see them), another build, or a client's
outgoing connection. The kernel then fails to bind ("Address already in use") and the page
fails with « Kernel died before replying to kernel_info » (jupyter/jupyter_client#154): it
happened in clean clones running three builds at once, and in the first build whenever
the machine's range of ephemeral ports is narrowed to 61. With the `ipc` transport, which
jupyter_client and ipykernel both support, a kernel's channels are Unix socket files named
for that kernel alone: nothing else can hold them. jupyter_client removes them when the
kernel stops.

Ready. A kernel is ready once it has answered `kernel_info` and its IOPub channel
delivers: jupyter_client's `wait_for_ready` (8.x) also waits for 0.2 s of silence on IOPub,
once to see the channel connected and once more to drain it, before nbclient runs the first
cell: 0.2-0.4 s a notebook, on both cores at once, for messages nbclient never reads (it
picks the messages of each request by their parent's id). The build's client waits SILENCE
instead; a channel not yet connected makes `wait_for_ready` ask `kernel_info` again, as it
already does. Measured (a kernel forked by kernel_zygote, ready to run a cell): 0.41-0.59 s
with jupyter_client's waits, 0.23-0.25 s with these.

Its end. Once a notebook has run, jupyter_client asks its kernel to stop and checks every
0.1 s whether it has: a kernel forked by `kernel_zygote` is gone within milliseconds, so a
page waited about 0.1 s for nothing, 37 times a build. It checks every 0.01 s here.
"""

from __future__ import annotations

import os
import tempfile
import uuid

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.utils import ensure_async

SHUTDOWN_POLL = 0.01  # seconds; jupyter_client's own is 0.1
IOPUB_WAIT = 0.2  # jupyter_client's own wait for IOPub's silence, both times
SILENCE = 0.02


class BuildKernelClient(AsyncKernelClient):
    """While its kernel starts, IOPub is read with the SILENCE wait where jupyter_client
    waits IOPUB_WAIT; every other read of the channel is unchanged."""

    async def wait_for_ready(self, timeout=None):
        channel = self.iopub_channel
        read = channel.get_msg

        async def briefly(timeout=None):
            return await ensure_async(read(timeout=SILENCE if timeout == IOPUB_WAIT else timeout))

        channel.get_msg = briefly
        try:
            await super().wait_for_ready(timeout)
        finally:
            del channel.get_msg  # the class's own again


class BuildKernelManager(AsyncKernelManager):
    """What nbclient starts a notebook's kernel with, during a build (`parallel_book`)."""

    def _client_factory_default(self) -> type:
        return BuildKernelClient

    def _transport_default(self) -> str:
        return "ipc"

    def _ip_default(self) -> str:
        # jupyter_client's own default is relative to the working folder ("kernel-ipc"), which
        # differs between the build and the kernel, and is the same for every kernel.
        # A socket file's path must stay under 108 bytes (the channel's number is appended):
        # 64 random bits name it.
        return os.path.join(tempfile.gettempdir(), f"q2030-kernel-{uuid.uuid4().hex[:16]}")

    async def _async_finish_shutdown(self, waittime=None, pollinterval=SHUTDOWN_POLL, restart=False):
        await super()._async_finish_shutdown(waittime, pollinterval, restart)
