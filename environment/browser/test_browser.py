"""The kit in a real browser: JupyterLab started by environment/start, driven by Playwright in Chromium.

    .venv/bin/python -m pytest environment/browser          (environment/test runs it when Chromium is found)

It serves a copy of notebooks/ (JupyterLab saves what the browser changes; the committed notebooks are
never touched), then, as a student would: opens the launcher, opens 00_setup_check, a lesson and an
exercise, runs them from the menu's commands, pastes the exercise's solution into the stub, and checks
what is on the screen: charts as loaded images, tables as tables, math typeset by MathJax, no error and
no stderr output, the kernel "Idle" in the status bar from the moment a notebook opens, and a notebook
not marked as changed by merely opening it. Screenshots go to .build/browser/screenshots/.

Chromium is Debian's (`apt-get install chromium`), or the one named by RNNKIT_CHROMIUM; Playwright
(from PyPI) only drives it and never downloads a browser.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".build" / "browser"
SHOTS = WORK / "screenshots"
# The lesson whose three models each draw a live loss curve; it reads the kit's sources from ../lib.
LESSON = "07_cell_comparison.ipynb"
EXERCISE = "exercises/01_rnn_forward.ipynb"
SOLUTION = ROOT / "notebooks" / "exercises" / "solutions" / "01_rnn_forward.ipynb"
STUDENT_CLASS_CELL = "class MyRnnForward"
NOTEBOOK_SECONDS = 240


def find_chromium() -> str | None:
    """Chromium's binary: RNNKIT_CHROMIUM, else Debian's (the real binary behind /usr/bin/chromium's
    wrapper script), else a chromium on PATH."""
    named = os.environ.get("RNNKIT_CHROMIUM")
    if named:
        return named
    for candidate in ("/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser"):
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_settings(settings: Path) -> None:
    """JupyterLab user settings for a reproducible run: every cell rendered (no windowing, so the
    checks see all outputs), no news or update pop-ups over the screenshots."""
    overrides = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false", "checkForUpdates": False},
    }
    for name, value in overrides.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))


class Lab:
    """JupyterLab as environment/start starts it, on a free port, serving a copy of notebooks/."""

    def __init__(self):
        shutil.rmtree(WORK, ignore_errors=True)
        SHOTS.mkdir(parents=True)
        self.root = WORK / "notebooks"
        shutil.copytree(ROOT / "notebooks", self.root,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        (WORK / "lib").symlink_to(ROOT / "lib", target_is_directory=True)   # lesson 07 reads ../lib
        write_settings(WORK / "settings")
        self.port = free_port()
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(WORK / "settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(WORK / "workspaces"), JUPYTER_RUNTIME_DIR=str(WORK / "runtime"))
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [str(ROOT / "environment" / "start"), "--no-browser", f"--port={self.port}",
             "--notebook-dir", str(self.root), "--LabApp.expose_app_in_browser=True"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True)
        self.url = None
        deadline = time.monotonic() + 300
        while self.url is None and time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.log.append(line)
            found = re.search(rf"(http://127\.0\.0\.1:{self.port}/lab\?token=[0-9a-f]+)", line)
            self.url = found.group(1) if found else None
        if self.url is None:
            self.stop()
            raise RuntimeError("JupyterLab printed no URL:\n" + "".join(self.log))
        self.token = self.url.split("token=")[1]
        # Keep reading the server's log, so it never blocks on a full pipe; kept for failure messages.
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stdout:
            self.log.append(line)

    def page_url(self, path: str) -> str:
        # reset: a fresh workspace, so the notebook opened is the only one and the current one
        return f"http://127.0.0.1:{self.port}/lab/tree/{path}?reset&token={self.token}"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)   # the server shuts its kernels down
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture(scope="module")
def lab():
    server = Lab()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def page(lab):
    chromium = find_chromium()
    assert chromium, "Chromium not found: install it (apt-get install chromium) or set RNNKIT_CHROMIUM"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        yield page
        browser.close()


def shot(page, name: str, element=None) -> Path:
    path = SHOTS / f"{name}.png"
    (element or page).screenshot(path=str(path))
    return path


def status_text(page) -> str:
    return " ".join(page.locator(".jp-StatusBar-Widget").all_inner_texts()).replace("\n", " ")


def wait_for(page, condition, what: str, seconds: float):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            shot(page, "timeout")
            raise AssertionError(f"waited {seconds} s for {what}; status bar: {status_text(page)!r}")
        page.wait_for_timeout(200)


def kernel_idle(page) -> bool:
    return "Java (rnnkit) | Idle" in status_text(page)


def open_notebook(page, lab, path: str):
    page.goto(lab.page_url(path))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    wait_for(page, lambda: kernel_idle(page), f"kernel 'Idle' after opening {path}", 120)
    title = page.evaluate("() => window.jupyterapp.shell.currentWidget.title.label")
    assert title == path.split("/")[-1], f"the current tab is {title!r}, not {path}"
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()     # focus the notebook, as a student would


STORED_LANGUAGE_VERSION = "17"   # what the committed notebooks store (tests/test_kernel_protocol.py)


def opened_unchanged(page, name: str):
    """Opening a notebook must not mark it changed. JupyterLab writes the kernel's language_info into
    the notebook; the kit's kernel reports the Java language version, and the notebooks store 17's,
    so on JDK 17 nothing changes, while on another Java (say 25) the version, rightly, does."""
    version = page.evaluate("""async () => (await window.jupyterapp.shell.currentWidget
        .sessionContext.session.kernel.info).language_info.version""")
    dirty = notebook_state(page)["dirty"]
    if version == STORED_LANGUAGE_VERSION:
        assert dirty is False, f"{name} is marked as changed just by opening it"
    else:
        assert dirty is True, f"{name}: the kernel reports Java {version}, so JupyterLab should update the stored 17"


def notebook_state(page) -> dict:
    """What the current notebook shows: prompts, outputs by kind, and the document's dirty flag."""
    return page.evaluate("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        const area = panel.node;
        const prompts = [...area.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
        const images = [...area.querySelectorAll('.jp-OutputArea-output img')];
        return {
            dirty: panel.context.model.dirty,
            prompts,
            stderr: [...area.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                    .map(e => e.textContent.slice(0, 500)),
            images: images.length,
            broken_images: images.filter(i => !(i.complete && i.naturalWidth > 0)).length,
            tables: area.querySelectorAll('.jp-OutputArea-output table').length,
            math: area.querySelectorAll('.jp-MarkdownOutput mjx-container').length,
            raw_math: [...area.querySelectorAll('.jp-MarkdownOutput')].filter(e => /\\$[^$\\s][^$]*\\$/.test(e.textContent)).length,
            texts: [...area.querySelectorAll('.jp-OutputArea-output')].map(e => e.textContent),
        };
    }""")


LIVE_CHARTS = """() => {
    // Outputs of the running cells that are loss curves still being drawn (their alt text says how far).
    const panel = window.jupyterapp.shell.currentWidget;
    const found = [];
    panel.content.widgets.forEach((cell, k) => {
        if (cell.model.type !== 'code') return;
        const outputs = cell.model.outputs.toJSON();
        outputs.forEach(o => {
            const alt = (o.data || {})['text/plain'];
            const text = Array.isArray(alt) ? alt.join('') : (alt || '');
            if (o.data && o.data['image/png'] && text.startsWith('loss curve')) found.push({cell: k, text});
        });
    });
    return found;
}"""


def run_all(page, name: str, live_shot: str | None = None) -> dict:
    """Run every cell from the Run menu's command; wait until each code cell has its number and the
    kernel is idle. With live_shot, take one screenshot while an output is being updated in place."""
    from playwright.sync_api import Error as PlaywrightError
    # Not awaited: the command's promise settles only when every cell has run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    started = time.monotonic()
    live_taken, state_live = None, None
    while True:
        state = notebook_state(page)
        done = state["prompts"] and all(re.fullmatch(r"\[\d+\]:", p) for p in state["prompts"])
        if done and kernel_idle(page):
            break
        if live_shot and live_taken is None:
            live = [c for c in page.evaluate(LIVE_CHARTS) if not c["text"].endswith("done")]
            if live:
                # Scroll the cell, not its chart: the chart's <img> is replaced at every update, so a
                # handle on it can come loose from the page before the scroll settles.
                cell = page.locator(".jp-Notebook .jp-Cell").nth(live[-1]["cell"])
                try:
                    cell.scroll_into_view_if_needed(timeout=5000)
                except PlaywrightError:
                    cell = None   # the cell was re-rendered under us: try again at the next poll
                if cell is not None:
                    live_taken = shot(page, live_shot)
                    state_live = live[-1]["text"]
        if time.monotonic() - started > NOTEBOOK_SECONDS:
            shot(page, f"{name}-timeout")
            raise AssertionError(f"{name}: not finished after {NOTEBOOK_SECONDS} s; prompts {state['prompts']}")
        page.wait_for_timeout(250)
    state = notebook_state(page)
    state["seconds"] = time.monotonic() - started
    state["live_shot"] = live_taken
    state["live_text"] = state_live if live_taken else None
    state["final_charts"] = [c["text"] for c in page.evaluate(LIVE_CHARTS)]
    return state


def assert_clean(state: dict, name: str):
    assert state["stderr"] == [], f"{name}: error or stderr output:\n" + "\n---\n".join(state["stderr"])
    assert state["broken_images"] == 0, f"{name}: {state['broken_images']} image(s) did not load"


def test_the_launcher_offers_the_kits_kernel_only(page, lab):
    page.goto(f"http://127.0.0.1:{lab.port}/lab?token={lab.token}")
    page.wait_for_selector(".jp-Launcher", timeout=60_000)
    tiles = page.locator(".jp-Launcher .jp-LauncherCard").all_inner_texts()
    shot(page, "01-launcher")
    assert any("Java (rnnkit)" in t for t in tiles), tiles
    assert not any("jjava" in t.lower() for t in tiles), f"the stock Java (jjava) kernel is offered: {tiles}"


def test_setup_check_opens_idle_unchanged_and_runs_clean(page, lab):
    open_notebook(page, lab, "00_setup_check.ipynb")
    shot(page, "02-setup-check-opened")
    opened_unchanged(page, "00_setup_check")
    state = run_all(page, "00_setup_check")
    assert_clean(state, "00_setup_check")
    assert state["images"] >= 1 and state["tables"] >= 1, state
    assert state["math"] >= 1 and state["raw_math"] == 0, "math is not typeset"
    assert any("JJava 1.0-a8" in t for t in state["texts"]), "no kernel banner"
    assert kernel_idle(page)
    shot(page, "03-setup-check-done")
    page.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    shot(page, "04-setup-check-chart")


def test_a_lesson_trains_with_a_live_chart_and_runs_clean(page, lab):
    open_notebook(page, lab, LESSON)
    opened_unchanged(page, LESSON)
    state = run_all(page, LESSON, live_shot="05-lesson-live-loss-chart")
    assert_clean(state, LESSON)
    # While a model trained, its loss curve was drawn in place; each model's final curve stays.
    assert state["live_shot"], "no loss curve was seen being drawn while the models trained"
    assert re.search(r"step \d+/\d+  loss \S+  [\d.]+ s, about \d+ s left", state["live_text"]), state["live_text"]
    assert len(state["final_charts"]) == 3 and all(t.endswith("done") for t in state["final_charts"]), state["final_charts"]
    assert state["images"] >= 2 and state["tables"] >= 1 and state["math"] >= 1 and state["raw_math"] == 0, state
    assert kernel_idle(page)
    shot(page, "06-lesson-done")


def class_cell(page):
    return page.locator(".jp-CodeCell").filter(has_text=STUDENT_CLASS_CELL).first


def score_text(state: dict) -> str:
    scores = [t for t in state["texts"] if re.search(r"\b\d+\s*/\s*\d+\b", t)]
    assert scores, "no score line in the outputs"
    return scores[-1]


def test_an_exercise_scores_0_untouched_and_full_marks_with_the_solution_pasted(page, lab):
    open_notebook(page, lab, EXERCISE)
    opened_unchanged(page, EXERCISE)
    stub = run_all(page, "exercise-stub")
    assert_clean(stub, "exercise (stub)")
    got, total = map(int, re.search(r"(\d+)\s*/\s*(\d+)", score_text(stub)).groups())
    assert got == 0 and total > 0, score_text(stub)
    shot(page, "07-exercise-stub-graded")

    solution = next(c.source for c in nbformat.read(SOLUTION, as_version=4).cells
                    if c.cell_type == "code" and STUDENT_CLASS_CELL in c.source)
    editor = class_cell(page).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(solution)        # as a paste: no auto-indent, no closing brackets added
    assert page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
        .map(c => c.model.sharedModel.getSource()).find(s => s.includes('MyRnnForward implements'))""") == solution

    solved = run_all(page, "exercise-solved")
    assert_clean(solved, "exercise (solution pasted)")
    got, total = map(int, re.search(r"(\d+)\s*/\s*(\d+)", score_text(solved)).groups())
    assert got == total > 0, score_text(solved)
    assert kernel_idle(page)
    page.locator(".jp-OutputArea-output table").last.scroll_into_view_if_needed()
    shot(page, "08-exercise-full-marks")
