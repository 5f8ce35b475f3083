"""The notebook runner and the batch grader run notebooks through one harness (notebook_harness.py),
and a notebook that fails before its first cell gives a proper row, never an exception that stops a batch.

Most tests here replace the kernel's client with one that fails at once, so they need no kernel; the
last starts a kernelspec whose process exits at once.
"""
import json
import os
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import ENVIRONMENT
import grade
import notebook_harness as harness
import run_notebooks

SOLUTION = ENVIRONMENT.parent / "notebooks" / "exercises" / "solutions" / "01_rnn_forward.ipynb"


def notebook(path, *cells):
    nbformat.write(new_notebook(cells=[new_markdown_cell("# title")] + [new_code_cell(c) for c in cells]), path)
    return path


def submissions(tmp_path, *names):
    """A folder of copies of exercise 1's solution."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    for name in names:
        nbformat.write(nbformat.read(SOLUTION, as_version=4), folder / name)
    return folder


def failing(base, error):
    """A client of the given class whose kernel fails as it starts, before any cell begins."""
    class Failing(base):
        def execute(self, **kwargs):
            raise error
    return Failing


def test_both_tools_find_the_same_notebooks_with_the_same_labels(tmp_path):
    notebook(tmp_path / "a.ipynb", "1")
    (tmp_path / "sub" / ".ipynb_checkpoints").mkdir(parents=True)
    notebook(tmp_path / "sub" / "b.ipynb", "1")
    notebook(tmp_path / "sub" / ".ipynb_checkpoints" / "b-checkpoint.ipynb", "1")
    (tmp_path / "executed").mkdir()
    notebook(tmp_path / "executed" / "a.ipynb", "1")
    found = harness.find_notebooks([tmp_path, tmp_path / "a.ipynb"], tmp_path / "executed", "tool")
    assert [label for _, label in found] == ["a.ipynb", "sub/b.ipynb", "a.ipynb"]
    with pytest.raises(SystemExit, match="grade: .*missing is neither a notebook nor a folder"):
        harness.find_notebooks([tmp_path / "missing"], None, "grade")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit, match="run_notebooks: no notebook found under .*empty"):
        run_notebooks.main([str(tmp_path / "empty")])


def test_both_tools_run_notebooks_through_the_shared_harness(tmp_path, monkeypatch, capsys):
    """Each tool hands the notebook to notebook_harness.execute and words the Run it gets back its own way."""
    calls = []

    def fake_execute(nb, kernel, timeout, folder, client_class=None, **options):
        calls.append((kernel, timeout, client_class))
        return harness.Run(harness.TIMED_OUT, 0.5, 2, CellTimeoutError("stopped"), None)

    monkeypatch.setattr(harness, "execute", fake_execute)
    runner_nb = notebook(tmp_path / "lesson.ipynb", "int a = 1;", "while (true) {}")
    assert run_notebooks.main([str(runner_nb), "--out", str(tmp_path / "executed"), "--timeout", "7"]) == 1
    err = capsys.readouterr().err
    assert "lesson.ipynb: cell 3 failed (it begins: while (true) {})" in err
    assert "TimeoutError: the cell ran longer than the per-cell limit of 7 s" in err

    folder = submissions(tmp_path, "alice.ipynb")
    out = tmp_path / "book"
    assert grade.main([str(folder), "--out", str(out), "--timeout", "7", "--kernel", "k"]) == 0
    [row] = json.loads(out.with_suffix(".json").read_text())
    assert row["reason"] == "cell 3 ran longer than the time limit of 7 s and was stopped (an endless loop?)"

    assert calls == [("rnnkit", 7, None), ("k", 7, grade.CappedClient)]
    # Both wrote their executed copies through the harness, under their own folders.
    assert (tmp_path / "executed" / "lesson.ipynb").exists() and (tmp_path / "book_executed" / "alice.ipynb").exists()


# What the kernel's client may raise before any cell starts; what the grader's row and the runner then say.
BEFORE_ANY_CELL = [
    (CellTimeoutError("timed out"), "the time limit of 30 s passed before any cell ran", "TimeoutError: "),
    (DeadKernelError("Kernel died"), "the kernel died before any cell ran: Kernel died", "DeadKernelError: "),
    (CellExecutionError("trace", "Boom", "boom"), "the run failed before any cell ran: trace", "CellExecutionError: trace"),
    (RuntimeError("Kernel didn't respond in 120 seconds"), "could not run: RuntimeError: Kernel didn't respond",
     "RuntimeError: Kernel didn't respond"),
]
ERROR_IDS = [type(error).__name__ for error, _, _ in BEFORE_ANY_CELL]


@pytest.mark.parametrize("error, reason, _", BEFORE_ANY_CELL, ids=ERROR_IDS)
def test_the_grader_gives_a_row_for_a_failure_before_the_first_cell_and_goes_on(tmp_path, monkeypatch, error, reason, _):
    monkeypatch.setattr(grade, "CappedClient", failing(grade.CappedClient, error))
    folder = submissions(tmp_path, "alice.ipynb", "bob.ipynb")
    out = tmp_path / "book"
    assert grade.main([str(folder), "--out", str(out), "--timeout", "30"]) == 0
    rows = json.loads(out.with_suffix(".json").read_text())
    assert [r["submission"] for r in rows] == ["alice.ipynb", "bob.ipynb"]   # the batch went on
    for row in rows:
        assert (row["status"], row["score"], row["exercise"]) == ("error", 0, "rnn_forward"), row
        assert row["reason"].startswith(reason), row["reason"]


@pytest.mark.parametrize("error, _, said", BEFORE_ANY_CELL, ids=ERROR_IDS)
def test_the_runner_reports_a_failure_before_the_first_cell(tmp_path, monkeypatch, capsys, error, _, said):
    monkeypatch.setattr(harness, "NotebookClient", failing(NotebookClient, error))
    path = notebook(tmp_path / "lesson.ipynb", "int a = 1;")
    assert run_notebooks.main([str(path), "--out", str(tmp_path / "executed")]) == 1
    captured = capsys.readouterr()
    assert f"lesson.ipynb: before any cell ran failed\n{said}" in captured.err
    assert "notebooks: 0 passed, 1 failed" in captured.out


def test_a_file_that_is_not_a_notebook_is_a_failure_of_the_runner_too(tmp_path, capsys):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{ not json", encoding="utf-8")
    assert run_notebooks.main([str(bad), "--out", str(tmp_path / "executed")]) == 1
    assert "bad.ipynb: before any cell ran failed\nnot a valid notebook: " in capsys.readouterr().err


def test_a_kernel_that_dies_as_it_starts_gives_every_submission_its_row(tmp_path):
    kernels = tmp_path / "jupyter" / "kernels" / "dies"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", "raise SystemExit(3)", "{connection_file}"],
        "display_name": "dies at once", "language": "java"}))
    folder = submissions(tmp_path, "alice.ipynb", "bob.ipynb")
    out = tmp_path / "book"
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter")}
    result = subprocess.run([sys.executable, str(ENVIRONMENT / "grade.py"), str(folder), "--out", str(out),
                             "--kernel", "dies"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(out.with_suffix(".json").read_text())
    assert [r["submission"] for r in rows] == ["alice.ipynb", "bob.ipynb"]
    for row in rows:
        assert (row["status"], row["score"]) == ("error", 0)
        assert row["reason"].startswith("could not run: RuntimeError: Kernel died"), row["reason"]
