"""The student notebooks come from the solution notebooks: regions between BEGIN/END SOLUTION
become a stub that throws "not implemented yet"; everything else is copied, outputs cleared."""
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from conftest import ENVIRONMENT
import make_exercises
from make_exercises import SourceError, strip_solutions

KERNELSPEC = {"name": "rnnkit", "display_name": "Java (rnnkit)", "language": "java"}
SOLUTION_CELL = """class Mine implements RnnForward {
    public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
        // BEGIN SOLUTION
        return x;
        // END SOLUTION
    }
}"""


def test_a_region_becomes_the_stub_at_its_indentation():
    text, regions = strip_solutions(SOLUTION_CELL)
    assert regions == 1
    assert text.splitlines() == [
        "class Mine implements RnnForward {",
        "    public Matrix step(Matrix x, Matrix hPrev, Parameters p) {",
        "        // YOUR CODE HERE",
        '        throw new UnsupportedOperationException("not implemented yet");',
        "    }",
        "}",
    ]


def test_every_region_is_replaced_and_the_rest_kept():
    src = "int a = 1;\n  // BEGIN SOLUTION\n  x();\n  // END SOLUTION\nint b = 2;\n// BEGIN SOLUTION\ny();\n// END SOLUTION"
    text, regions = strip_solutions(src)
    assert regions == 2
    assert "x();" not in text and "y();" not in text
    assert text.startswith("int a = 1;\n  // YOUR CODE HERE\n") and "\nint b = 2;\n// YOUR CODE HERE\n" in text


@pytest.mark.parametrize("src, problem", [
    ("// BEGIN SOLUTION\nx();", "never closed"),
    ("x();\n// END SOLUTION", "END SOLUTION without BEGIN"),
    ("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "inside another region"),
])
def test_malformed_regions_are_refused_naming_the_line(src, problem):
    with pytest.raises(SourceError, match=problem):
        strip_solutions(src)


def solution_notebook(folder: Path, name="01_demo.ipynb", outputs=False) -> Path:
    code = new_code_cell(SOLUTION_CELL)
    if outputs:
        code.outputs = [new_output("stream", name="stdout", text="hello\n")]
        code.execution_count = 3
    nb = new_notebook(cells=[new_markdown_cell("# Demo"), code, new_code_cell("grade.scoreLine()")],
                      metadata={"kernelspec": KERNELSPEC})
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)
    return folder / name


def run(*args):
    return subprocess.run([sys.executable, str(ENVIRONMENT / "make_exercises.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_generate_then_check_passes_and_the_student_copy_has_no_solution_nor_outputs(tmp_path):
    solutions, out = tmp_path / "solutions", tmp_path
    solution_notebook(solutions, outputs=True)
    assert run("--solutions", solutions, "--out", out).returncode == 0
    student = nbformat.read(out / "01_demo.ipynb", as_version=4)
    assert "return x;" not in student.cells[1].source and "not implemented yet" in student.cells[1].source
    assert student.cells[1].outputs == [] and student.cells[1].execution_count is None
    assert student.cells[0].source == "# Demo" and student.cells[2].source == "grade.scoreLine()"
    # the solution was committed with outputs: --check says so
    result = run("--check", "--solutions", solutions, "--out", out)
    assert result.returncode == 1 and "committed with outputs" in result.stderr


def test_check_fails_on_a_hand_edited_student_copy_a_missing_one_and_an_orphan(tmp_path):
    solutions, out = tmp_path / "solutions", tmp_path
    solution_notebook(solutions)
    assert run("--solutions", solutions, "--out", out).returncode == 0
    assert run("--check", "--solutions", solutions, "--out", out).returncode == 0
    student = out / "01_demo.ipynb"
    student.write_text(student.read_text().replace("YOUR CODE HERE", "your code here"))
    result = run("--check", "--solutions", solutions, "--out", out)
    assert result.returncode == 1 and "01_demo.ipynb: differs from what its solution generates" in result.stderr
    student.unlink()
    solution_notebook(out, name="02_orphan.ipynb")
    result = run("--check", "--solutions", solutions, "--out", out)
    assert result.returncode == 1 and "missing" in result.stderr and "02_orphan.ipynb: a student notebook without a solution" in result.stderr


def test_the_committed_student_notebooks_are_what_the_generator_writes():
    result = run("--check")
    assert result.returncode == 0, result.stderr
    assert len(list(make_exercises.SOLUTIONS.glob("*.ipynb"))) >= 5
