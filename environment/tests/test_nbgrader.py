"""The exercises are native to nbgrader: on a scratch course folder, `nbgrader generate_assignment` turns
the solution notebooks into the kit's student notebooks, and `nbgrader autograde` scores a solution, a stub
and a buggy copy exactly as environment/grade does.

Needs the kit's environment (environment/setup.sh: nbgrader from environment/requirements.txt, the
rnnkit kernel)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ENVIRONMENT

ROOT = ENVIRONMENT.parent
SOLUTIONS = ROOT / "notebooks" / "exercises" / "solutions"
STUDENTS = ROOT / "notebooks" / "exercises"
BIN = Path(sys.executable).parent
CORRECT_STEP = 'Matrix a = x.matmul(p.get("Wxh")).plus(hPrev.matmul(p.get("Whh"))).plusRow(p.get("bh"));'


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""), JUPYTER_PLATFORM_DIRS="1")
    result = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ENVIRONMENT / "nbgrader" / "nbgrader_config.py", course)
    (course / "source" / "all").mkdir(parents=True)
    (course / "source" / "ex01").mkdir(parents=True)
    for path in SOLUTIONS.glob("*.ipynb"):
        shutil.copy(path, course / "source" / "all")
    shutil.copy(SOLUTIONS / "01_rnn_forward.ipynb", course / "source" / "ex01")
    return course


def test_the_solution_notebooks_are_nbgrader_source_notebooks_whose_points_are_the_graders_totals():
    graders = {g["grader"]: g for g in json.loads((ENVIRONMENT / "graders.json").read_text()).values()}
    for path in sorted(SOLUTIONS.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        meta = [c.metadata.get("nbgrader") for c in cells]
        assert all(m and m["schema_version"] == 3 and m["grade_id"] for m in meta), path.name
        assert len({m["grade_id"] for m in meta}) == len(meta), path.name
        solutions = [c for c, m in zip(cells, meta) if m["solution"]]
        assert solutions and all("BEGIN SOLUTION" in c.source for c in solutions), path.name
        tests = [(c, m) for c, m in zip(cells, meta) if m["grade"]]
        assert len(tests) == 1 and tests[0][1]["locked"], path.name
        grader = tests[0][0].source.split("Grading.run(")[1].split(".class")[0]
        assert tests[0][1]["points"] == graders[grader]["total"], path.name
        assert tests[0][0].source.rstrip().endswith("grade.score()"), path.name


def test_generate_assignment_gives_the_kits_student_notebooks(course):
    nbgrader(course, "generate_assignment", "all", "--force")
    for path in sorted(SOLUTIONS.glob("*.ipynb")):
        released = nbformat.read(course / "release" / "all" / path.name, as_version=4)
        ours = nbformat.read(STUDENTS / path.name, as_version=4)
        assert [c.source for c in released.cells] == [c.source for c in ours.cells], path.name
        assert [c.cell_type for c in released.cells] == [c.cell_type for c in ours.cells], path.name


def test_autograde_scores_as_environment_grade_does(course, tmp_path):
    nbgrader(course, "generate_assignment", "ex01", "--force")
    buggy = nbformat.read(SOLUTIONS / "01_rnn_forward.ipynb", as_version=4)
    for cell in buggy.cells:
        cell.source = cell.source.replace('.plusRow(p.get("bh"));', ";")
    submissions = {"alice": nbformat.read(SOLUTIONS / "01_rnn_forward.ipynb", as_version=4),
                   "bob": nbformat.read(course / "release" / "ex01" / "01_rnn_forward.ipynb", as_version=4),
                   "carol": buggy}
    for student, nb in submissions.items():
        folder = course / "submitted" / student / "ex01"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "01_rnn_forward.ipynb")
        (tmp_path / "batch").mkdir(exist_ok=True)
        nbformat.write(nb, tmp_path / "batch" / f"{student}.ipynb")
    nbgrader(course, "autograde", "ex01", "--create", "--force")

    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        theirs = {s: (gb.find_submission_notebook("01_rnn_forward", "ex01", s).score,
                      gb.find_submission_notebook("01_rnn_forward", "ex01", s).max_score) for s in submissions}
    out = tmp_path / "book"
    result = subprocess.run([sys.executable, str(ENVIRONMENT / "grade.py"), str(tmp_path / "batch"), "--out", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    ours = {Path(r["submission"]).stem: (float(r["score"]), float(r["total"]))
            for r in json.loads(out.with_suffix(".json").read_text())}
    assert theirs == ours
    assert theirs["alice"] == (9.0, 9.0) and theirs["bob"] == (0.0, 9.0) and 0 < theirs["carol"][0] < 9
