"""environment/start's JupyterLab command: local by default, token always on, root handled."""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ENVIRONMENT
from lab_command import lab_command


def test_binds_to_loopback_and_serves_the_notebooks_folder():
    command = lab_command([], is_root=False)
    assert command[:2] == ["jupyter", "lab"]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert f"--ServerApp.root_dir={ENVIRONMENT.parent / 'notebooks'}" in command
    assert "--allow-root" not in command


def test_root_gets_allow_root_and_nothing_else():
    assert set(lab_command([], is_root=True)) - set(lab_command([], is_root=False)) == {"--allow-root"}


def test_extra_arguments_pass_through_in_order():
    command = lab_command(["--no-browser", "--port", "8899"], is_root=False)
    assert command[-3:] == ["--no-browser", "--port", "8899"]


@pytest.mark.parametrize("choice", [["--ip=192.0.2.7"], ["--ip", "192.0.2.7"], ["--ServerApp.ip=192.0.2.7"]])
def test_an_address_chosen_deliberately_replaces_the_default(choice):
    command = lab_command(choice, is_root=False)
    assert "--ServerApp.ip=127.0.0.1" not in command
    assert command[-len(choice):] == choice


@pytest.mark.parametrize("choice", [
    ["--notebook-dir", "/srv/class"], ["--notebook-dir=/srv/class"], ["--ServerApp.root_dir=/srv/class"],
    ["--ServerApp.root_dir", "/srv/class"], ["--NotebookApp.notebook_dir=/srv/class"], ["--root_dir='/srv/class'"],
])
def test_a_folder_given_replaces_notebooks_and_is_passed_once(choice):
    command = lab_command(["--no-browser"] + choice + ["--port", "8899"], is_root=False)
    roots = [a for a in command if "root_dir" in a or "notebook" in a.lower()]
    assert roots == ["--ServerApp.root_dir=/srv/class"], command
    assert command[-3:] == ["--no-browser", "--port", "8899"]


def test_a_relative_folder_is_taken_from_where_the_command_was_run(tmp_path):
    command = lab_command(["--notebook-dir", "../class/week1"], is_root=False, cwd=tmp_path / "home")
    assert f"--ServerApp.root_dir={tmp_path / 'class' / 'week1'}" in command


def test_a_folder_flag_without_its_folder_is_an_error():
    with pytest.raises(ValueError, match="needs a folder"):
        lab_command(["--notebook-dir"], is_root=False)


@pytest.mark.parametrize("weakening", [
    ["--ServerApp.token="], ["--ServerApp.token=''"], ['--IdentityProvider.token=""'], ["--token", ""],
    ["--NotebookApp.password="], ["--ServerApp.disable_check_xsrf=True"],
    ["--ServerApp.allow_unauthenticated_access=True"],
])
def test_arguments_that_switch_authentication_off_are_refused(weakening):
    with pytest.raises(ValueError, match="refusing"):
        lab_command(weakening, is_root=False)


def test_a_token_of_ones_own_is_accepted():
    assert "--IdentityProvider.token=s3cret" in lab_command(["--IdentityProvider.token=s3cret"], is_root=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url: str, patience: float = 30.0) -> int:
    """The HTTP status of a GET; the server prints its URL a moment before it accepts connections."""
    deadline = time.monotonic() + patience
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as e:
            return e.code
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_server_started_by_the_command_asks_for_its_token_and_serves_the_folder_given(tmp_path):
    # A relative --notebook-dir, as a teacher would type it, once failed with
    # "root_dir only accepts one value, got 2".
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "week1.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    port = free_port()
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"],
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    server = subprocess.Popen(
        [sys.executable, str(ENVIRONMENT / "lab_command.py"), "--", "--no-browser", f"--port={port}",
         "--notebook-dir", "class"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
    try:
        token, deadline, log = None, time.monotonic() + 60, []
        while token is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            log.append(line)
            found = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=([0-9a-f]+)", line)
            token = found.group(1) if found else None
        assert token, "JupyterLab printed no URL with a token:\n" + "".join(log)
        base = f"http://127.0.0.1:{port}/api/contents"
        assert status(base) == 403
        assert status(base + "?token=wrong") == 403
        assert status(base + f"?token={token}") == 200
        with urllib.request.urlopen(base + f"?token={token}", timeout=10) as response:
            listing = json.load(response)
        assert [item["name"] for item in listing["content"]] == ["week1.ipynb"]
    finally:
        server.terminate()
        server.wait(timeout=30)
