"""The notebook runner must pass a good notebook and stop, loudly and precisely, on a bad one.

Each test writes small throwaway notebooks and runs environment/run_notebooks.py on them as the
test command does, on the project's kernel (so environment/setup.sh must have run).
"""
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import ENVIRONMENT

RUNNER = ENVIRONMENT / "run_notebooks.py"
KERNELSPEC = {"name": "rnnkit", "display_name": "Java (rnnkit)", "language": "java"}


def notebook(folder: Path, name: str, *cells: str) -> Path:
    """A notebook of a markdown title cell followed by one code cell per source."""
    nb = new_notebook(cells=[new_markdown_cell(f"# {name}")] + [new_code_cell(src) for src in cells],
                      metadata={"kernelspec": KERNELSPEC})
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def run(*args, timeout=240):
    return subprocess.run([sys.executable, str(RUNNER), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "executed"


def test_a_good_notebook_passes_and_its_outputs_are_kept(tmp_path, out):
    nb = notebook(tmp_path, "good", 'int answer = 6 * 7;', 'System.out.println("answer " + answer);',
                  'Matrix.identity(2)')
    result = run(nb, "--out", out)
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[0].split()
    assert line[0] == "good.ipynb" and line[-1] == "ok" and line[-3:-1] == ["4", "cells"]
    assert "notebooks: 1 passed, 0 failed" in result.stdout
    executed = nbformat.read(out / "good.ipynb", as_version=4)
    assert executed.cells[2].outputs[0]["text"] == "answer 42\n"
    assert "Matrix(2, 2)" in executed.cells[3].outputs[0]["data"]["text/plain"]


def test_a_compile_error_fails_naming_the_notebook_the_cell_and_the_error(tmp_path, out):
    nb = notebook(tmp_path, "broken", 'int ok = 1;', 'int x = "not a number";', 'System.out.println("after");')
    result = run(nb, "--out", out)
    assert result.returncode == 1
    assert "broken.ipynb: cell 3 failed" in result.stderr
    assert "int x = \"not a number\";" in result.stderr
    assert "incompatible types" in result.stderr
    assert "notebooks: 0 passed, 1 failed" in result.stdout
    # The run stopped at the failing cell: the cell after it never ran.
    assert nbformat.read(out / "broken.ipynb", as_version=4).cells[3].outputs == []


def test_a_runtime_exception_fails_with_its_type_and_message(tmp_path, out):
    nb = notebook(tmp_path, "throws", 'throw new IllegalStateException("boom at step 3");')
    result = run(nb, "--out", out)
    assert result.returncode == 1
    assert "throws.ipynb: cell 2 failed" in result.stderr
    assert "IllegalStateException" in result.stderr and "boom at step 3" in result.stderr


def test_a_cell_past_the_timeout_is_stopped_and_reported(tmp_path, out):
    nb = notebook(tmp_path, "endless", 'long spins = 0;', 'while (true) { spins++; }')
    result = run(nb, "--out", out, "--timeout", "5", timeout=120)
    assert result.returncode == 1
    assert "endless.ipynb: cell 3 failed" in result.stderr
    assert "TimeoutError" in result.stderr and "5 s" in result.stderr


def test_output_on_stderr_fails_the_notebook(tmp_path, out):
    nb = notebook(tmp_path, "noisy", 'System.err.println("careful");')
    result = run(nb, "--out", out)
    assert result.returncode == 1
    assert "noisy.ipynb: cell 2 failed" in result.stderr and "careful" in result.stderr


def test_the_first_failing_notebook_ends_the_run(tmp_path, out):
    notebook(tmp_path, "a_fails", 'throw new RuntimeException("first");')
    notebook(tmp_path, "b_good", 'int fine = 1;')
    result = run(tmp_path, "--out", out)
    assert result.returncode == 1
    assert "a_fails.ipynb" in result.stdout and "b_good.ipynb" not in result.stdout
