"""The built site served on 127.0.0.1 as a static host serves it: text files gzip-compressed
when the browser accepts it, and `Cache-Control: max-age=600` as GitHub Pages sends it (a
further page then reuses the cached scripts and styles without asking again). Used by
`make serve` and by `make bench`, so that what is measured is what a reader gets."""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

# Compressed as GitHub Pages compresses them; images, fonts and archives are sent as they are.
COMPRESSED = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".csv", ".geojson", ".md"}
MAX_AGE = 600


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not (
            "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in COMPRESSED and path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._body = body
        return None

    def do_GET(self):
        self._body = None
        result = self.send_head()
        if self._body is not None:
            self.wfile.write(self._body)
        elif result is not None:
            try:
                self.copyfile(result, self.wfile)
            finally:
                result.close()

    def do_HEAD(self):
        self._body = None
        result = self.send_head()
        if result is not None:
            result.close()


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that leaves a page before it is sent (a click, a test's next page)
        closes the connection: nothing to report. Anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def server(site: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(GzipHandler, directory=str(site))
    return SiteServer(("127.0.0.1", port), handler)


@contextmanager
def serving(site: Path):
    """The site served in a thread for the time of the block: yields its origin."""
    httpd = server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
