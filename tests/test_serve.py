"""`make serve` / `python -m quartiers2030 serve`: the built site on 127.0.0.1, in French when
it cannot start."""

from __future__ import annotations

import socket

from quartiers2030 import cli


def test_a_port_already_taken_is_said_in_french_without_a_traceback(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text("{}")
    site = tmp_path / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>x</title>")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(["--root", str(tmp_path), "serve", "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Impossible d'ouvrir le port {port}" in err and "PORT=" in err
    assert "Traceback" not in err


def test_an_unbuilt_site_asks_for_make_site(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text("{}")
    assert cli.main(["--root", str(tmp_path), "serve", "--port", "0"]) == 1
    assert "make site" in capsys.readouterr().err


def test_a_browser_leaving_a_page_early_is_not_reported(capsys):
    from quartiers2030.site.server import SiteServer

    class Broken(SiteServer):
        def __init__(self):  # no socket: only the error handling is under test
            pass

    for error, reported in (
        (BrokenPipeError(), False),
        (ConnectionResetError(), False),
        (ValueError("x"), True),
    ):
        try:
            raise error
        except Exception:
            Broken().handle_error(None, ("127.0.0.1", 1))
        assert ("ValueError" in capsys.readouterr().err) == reported
