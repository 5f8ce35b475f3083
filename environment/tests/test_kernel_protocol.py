"""What the kernel tells JupyterLab when a notebook opens: enough to show "Idle" at once, and a
language_info equal to the one stored in the notebooks (so opening one does not mark it changed)."""
import queue
import time

import nbformat
import pytest
from jupyter_client.manager import KernelManager

from conftest import ENVIRONMENT

NOTEBOOKS = sorted(p for p in (ENVIRONMENT.parent / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
# The stored version is the Java language version of the tested baseline, JDK 17.
STORED_VERSION = "17"


@pytest.fixture(scope="module")
def kernel():
    km = KernelManager(kernel_name="rnnkit")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def replies_to(kc, msg_id, seconds=10.0):
    """The shell reply to msg_id and the iopub statuses whose parent it is."""
    reply, statuses, deadline = None, [], time.monotonic() + seconds
    while time.monotonic() < deadline and (reply is None or statuses[-1:] != ["idle"]):
        for get, shell in ((kc.get_shell_msg, True), (kc.get_iopub_msg, False)):
            try:
                msg = get(timeout=0.1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if shell:
                reply = msg
            elif msg["msg_type"] == "status":
                statuses.append(msg["content"]["execution_state"])
    return reply, statuses


def test_history_request_is_answered_with_busy_then_idle(kernel):
    # JupyterLab tracks the status of this request, not of kernel_info: without an answer its status
    # bar read "Unknown" until the first cell ran.
    msg_id = kernel.history(raw=True, output=False, hist_access_type="tail", n=10)
    reply, statuses = replies_to(kernel, msg_id)
    assert reply is not None, "no history_reply within 10 s"
    # JJava leaves out the reply's "status" (the protocol's "ok" by default); there is no error either.
    assert reply["msg_type"] == "history_reply" and reply["content"].get("status", "ok") == "ok"
    assert reply["content"]["history"] == []
    assert statuses == ["busy", "idle"]


def test_the_notebooks_store_the_language_info_the_kernel_reports(kernel):
    msg_id = kernel.kernel_info()
    reply, _ = replies_to(kernel, msg_id)
    reported = reply["content"]["language_info"]
    assert reported["version"].isdigit(), f"the language version, not the JVM build: {reported['version']!r}"
    expected = dict(reported, version=STORED_VERSION)
    assert reply["content"]["banner"].startswith(f"Java {reported['version']} :: JJava")
    wrong = {str(p.relative_to(ENVIRONMENT.parent)): nbformat.read(p, as_version=4).metadata.get("language_info")
             for p in NOTEBOOKS if nbformat.read(p, as_version=4).metadata.get("language_info") != expected}
    assert not wrong, f"expected {expected} in every notebook; differing: {wrong}"
    assert len(NOTEBOOKS) >= 18
