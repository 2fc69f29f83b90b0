"""One warm process per build that forks a kernel for each notebook (see kernel_launcher).

It imports, once, what every kernel imports: ipykernel and IPython, pandas and plotly, and
this package's modules (never calling them: no data is read before a kernel asks for it, so
a kernel starts with nothing in memory that a fresh one would not have). It stays single-
threaded, so forking is safe. Each forked kernel takes its launcher's standard streams,
working folder and environment, then runs ipykernel as `python -m ipykernel_launcher`
would; it stops if its launcher dies. The zygote runs inside the build's process tree (a
stopped build stops it and its kernels) and is given the build's environment, so it
imports the same code as the kernels would (a published version's own package).

    python -m quartiers2030.site.kernel_zygote SOCKET
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import pkgutil
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from quartiers2030.site.kernel_launcher import HEADER, ZYGOTE_ENV

PRELOADED = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # debugpy, which each kernel imports as it starts (0.08 s)
    "IPython",
    "pandas",
    "plotly.graph_objects",
    "plotly.io",
)
PACKAGES = ("quartiers2030.core", "quartiers2030.data", "quartiers2030.parts")
TRACE_TYPES = ("bar", "scatter")  # the site's charts' (site/js/plotly-entry.js)
SWITCH_ENV = "Q2030_WARM_KERNELS"  # "0": every kernel started afresh, as without a zygote


def preload() -> None:
    """Import what kernels import; a module that fails to import is left for the kernel
    that imports it to report, as it would without a zygote."""
    # pydevd (debugpy) warns on import that frozen modules hide breakpoints: none are set here.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    for name in PRELOADED:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    for package in PACKAGES:
        with contextlib.suppress(Exception):
            module = importlib.import_module(package)
            for info in pkgutil.walk_packages(module.__path__, f"{package}."):
                with contextlib.suppress(Exception):
                    importlib.import_module(info.name)
    with contextlib.suppress(Exception):
        warm_plotly()
    gc.collect()
    gc.freeze()  # the imported objects stay shared with the kernels (copy on write)


def warm_plotly() -> None:
    """plotly creates the validator of a figure's property (and imports its module) the
    first time the property is set: 0.2-0.3 s of a chart page's kernel. They are created
    here, once, for the layout and the two trace types the site draws (bar, scatter): no
    figure is kept, and a validator holds no value."""
    import plotly.graph_objects as go

    seen: set[type] = set()

    def walk(obj) -> None:
        if type(obj) in seen:
            return
        seen.add(type(obj))
        for prop in obj._valid_props:
            data_class = getattr(obj._get_validator(prop), "data_class", None)
            if data_class is not None:
                walk(data_class())

    figure = go.Figure()
    walk(figure.layout)
    for trace_type in TRACE_TYPES:
        walk(figure._data_validator.get_trace_class(trace_type)())


def _receive(connection: socket.socket) -> tuple[dict, list[int]]:
    header, fds, _flags, _addr = socket.recv_fds(connection, HEADER.size, 3)
    (length,) = HEADER.unpack(header)
    payload = b""
    while len(payload) < length:
        chunk = connection.recv(length - len(payload))
        if not chunk:
            raise ConnectionError("launcher gone")
        payload += chunk
    return json.loads(payload), fds


def _watch_launcher(connection: socket.socket) -> None:
    """In the kernel: its launcher's end closing (killed, or gone) stops the kernel."""
    while connection.recv(64):
        pass
    os._exit(1)


def _become_kernel(inherited: list, connection: socket.socket, request: dict, fds: list[int]) -> None:
    for other in inherited:  # the zygote's sockets and other kernels' launchers
        other.close()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.set_wakeup_fd(-1)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = ["ipykernel_launcher", "-f", request["connection_file"]]
    # ipykernel read JPY_PARENT_PID when the zygote imported it: given again, for this kernel.
    if parent := request["env"].get("JPY_PARENT_PID"):
        sys.argv.append(f"--IPKernelApp.parent_handle={parent}")
    threading.Thread(target=_watch_launcher, args=(connection,), daemon=True).start()
    from ipykernel import kernelapp

    try:
        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def _fork_kernel(inherited: list, connection: socket.socket) -> int | None:
    try:
        request, fds = _receive(connection)
    except (OSError, ValueError, ConnectionError):
        connection.close()
        return None
    pid = os.fork()
    if pid == 0:
        try:
            _become_kernel(inherited, connection, request, fds)
        finally:
            os._exit(1)
    for fd in fds:
        os.close(fd)
    with contextlib.suppress(OSError):
        connection.sendall(f"{pid}\n".encode())
    return pid


def _reap(kernels: dict[int, socket.socket]) -> None:
    """Tell each launcher whose kernel has exited its exit status."""
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        connection = kernels.pop(pid, None)
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
            connection.close()


def serve(address: str) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    preload()
    wakeup_read, wakeup_write = socket.socketpair()
    wakeup_write.setblocking(False)
    signal.set_wakeup_fd(wakeup_write.fileno())
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(wakeup_read, selectors.EVENT_READ)
    kernels: dict[int, socket.socket] = {}
    while True:
        for key, _ in selector.select():
            if key.fileobj is listener:
                connection, _ = listener.accept()
                inherited = [listener, wakeup_read, wakeup_write, selector, *kernels.values()]
                pid = _fork_kernel(inherited, connection)
                if pid is not None:
                    kernels[pid] = connection
            else:
                with contextlib.suppress(BlockingIOError):
                    wakeup_read.recv(4096)
        _reap(kernels)


KERNEL_SPEC = {
    "argv": [sys.executable, "-m", "quartiers2030.site.kernel_launcher", "{connection_file}"],
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "metadata": {"debugger": True},
}


@contextlib.contextmanager
def warm_kernels(env: dict | None = None) -> Iterator[dict]:
    """A zygote for the time of a build; yields the variables that make the kernels
    started with this environment come from it (a kernel specification named python3,
    ahead of the installed one, that runs kernel_launcher). If the zygote cannot be reached,
    each launcher starts an ordinary kernel."""
    if (env or os.environ).get(SWITCH_ENV) == "0":
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="q2030-kernels-") as folder:
        spec = Path(folder) / "kernels" / "python3" / "kernel.json"
        spec.parent.mkdir(parents=True)
        spec.write_text(json.dumps(KERNEL_SPEC), encoding="utf-8")
        address = str(Path(folder) / "zygote.sock")
        # Not waited for: it binds its socket at once and imports while Sphinx starts; a
        # launcher that connects meanwhile waits for its kernel (or, before the socket
        # exists, starts an ordinary one).
        process = subprocess.Popen(
            [sys.executable, "-m", "quartiers2030.site.kernel_zygote", address],
            env=env,
            stdin=subprocess.DEVNULL,
        )
        try:
            paths = os.pathsep.join(filter(None, [folder, (env or os.environ).get("JUPYTER_PATH")]))
            yield {ZYGOTE_ENV: address, "JUPYTER_PATH": paths}
        finally:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            if process.poll() is None:
                process.kill()
                process.wait()


if __name__ == "__main__":
    serve(sys.argv[1])
