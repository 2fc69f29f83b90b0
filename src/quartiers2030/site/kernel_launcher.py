"""The kernel that myst-nb starts for each notebook, started from a warm process.

A notebook's kernel costs about 1.2 s of CPU before its first cell: Python, ipykernel,
IPython, pandas, plotly and this package imported again, 43 times a build. During a build
(`kernel_zygote`), one process has imported all of it once and forks a kernel for each
notebook. This launcher is what the build's kernel specification runs in place of
`python -m ipykernel_launcher -f CONNECTION_FILE`: it hands the zygote its connection file,
working folder, environment and standard streams, and stands for the kernel towards
jupyter_client (signals are passed on, its exit is the kernel's exit; if it is killed, the
kernel stops). Without a zygote, it runs ipykernel as usual.

Only the standard library is imported here: this runs once per notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys

ZYGOTE_ENV = "Q2030_KERNEL_ZYGOTE"  # the zygote's socket; unset: an ordinary kernel
HEADER = struct.Struct("!I")  # the request's length, sent with the three standard streams


def ordinary_kernel(connection_file: str) -> None:
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file])


def _connect(address: str) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(address)
    except OSError:
        sock.close()
        return None
    return sock


def _read_line(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(64)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


def main(argv: list[str]) -> int:
    connection_file = argv[0]
    address = os.environ.get(ZYGOTE_ENV, "")
    sock = _connect(address) if address else None
    if sock is None:
        ordinary_kernel(connection_file)
    request = json.dumps({"connection_file": connection_file, "cwd": os.getcwd(), "env": dict(os.environ)})
    payload = request.encode()
    socket.send_fds(sock, [HEADER.pack(len(payload))], [0, 1, 2])
    sock.sendall(payload)
    said = _read_line(sock)
    if not said.isdigit():  # the zygote could not fork
        ordinary_kernel(connection_file)
    kernel = int(said)

    def pass_on(signum, _frame):
        with contextlib.suppress(ProcessLookupError):
            os.kill(kernel, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, pass_on)
    status = _read_line(sock)  # the kernel's exit status, once it has exited
    return int(status) if status.lstrip("-").isdigit() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
