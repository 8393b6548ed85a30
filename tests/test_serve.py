"""``serve``: files inside the folder only, no listings, bad requests answered, ports checked."""

from __future__ import annotations

import argparse
import http.client
import threading
from pathlib import Path

import pytest

from kzsi_helpers.lite.serve import cli, make_server


@pytest.fixture()
def served(tmp_path: Path):
    site = tmp_path / "site"
    (site / "files" / "empty").mkdir(parents=True)
    (site / "index.html").write_text("hello", encoding="utf-8")
    (site / "files" / "lesson.ipynb").write_text("{}", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the site", encoding="utf-8")
    (site / "files" / "link.txt").symlink_to(secret)
    (site / "outside").symlink_to(tmp_path)
    server = make_server(site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def test_files_of_the_site_are_served(served: int) -> None:
    assert get(served, "/index.html") == (200, b"hello")
    assert get(served, "/files/lesson.ipynb") == (200, b"{}")


@pytest.mark.parametrize("path", ["/files/link.txt", "/outside/secret.txt",
                                  "/../secret.txt", "/files/%2e%2e/%2e%2e/secret.txt"])
def test_nothing_outside_the_folder_is_served_even_through_a_link(served: int, path: str) -> None:
    status, body = get(served, path)
    assert status == 404 and b"outside the site" not in body


@pytest.mark.parametrize("path", ["/files/", "/files/empty/", "/outside/"])
def test_folders_are_not_listed(served: int, path: str) -> None:
    status, body = get(served, path)
    assert status == 404 and b"lesson.ipynb" not in body and b"secret" not in body


def test_a_request_with_a_nul_byte_gets_an_http_answer(served: int, capsys) -> None:
    assert get(served, "/index.html%00.png")[0] == 404
    assert get(served, "/index.html")[0] == 200  # the server is still up


@pytest.mark.parametrize("port", [-1, 70000])
def test_a_port_out_of_range_is_refused_in_one_sentence(tmp_path: Path, port: int, capsys) -> None:
    (tmp_path / "index.html").write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError, match=f"port {port} is not a port number"):
        make_server(tmp_path, port=port)
    args = argparse.Namespace(folder=tmp_path, host="127.0.0.1", port=port, no_browser=True)
    assert cli(args) == 1
    err = capsys.readouterr().err
    assert f"error: port {port} is not a port number" in err and "Traceback" not in err
