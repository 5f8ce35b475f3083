"""The batch grader: one row per submission, whatever the submission does, and the originals untouched.

The submissions are made here, in pytest's tmp folder, from the committed exercise 1 notebooks
(solution and student copy), then graded by environment/grade.py on the project's kernel (so
environment/setup.sh must have run).
"""
import csv
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from conftest import ENVIRONMENT
import grade

ROOT = ENVIRONMENT.parent
SOLUTION = ROOT / "notebooks" / "exercises" / "solutions" / "01_rnn_forward.ipynb"
STUB = ROOT / "notebooks" / "exercises" / "01_rnn_forward.ipynb"
CORRECT_STEP = 'Matrix a = x.matmul(p.get("Wxh")).plus(hPrev.matmul(p.get("Whh"))).plusRow(p.get("bh"));'


def variant(src: Path, target: Path, old: str = "", new: str = "", extra_cell: str | None = None, at: int = 3) -> Path:
    nb = nbformat.read(src, as_version=4)
    if old:
        cells = [c for c in nb.cells if old in c.source]
        assert cells, f"{old!r} not found in {src.name}"
        cells[0].source = cells[0].source.replace(old, new)
    if extra_cell:
        nb.cells.insert(at, new_code_cell(extra_cell))
    nbformat.write(nb, target)
    return target


def grade_folder(tmp_path_factory, folder):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    out = tmp_path_factory.mktemp("out") / "book"
    result = subprocess.run([sys.executable, str(ENVIRONMENT / "grade.py"), str(folder), "--out", str(out), "--timeout", "25",
                             "--max-output-mb", "1"],
                            capture_output=True, text=True, timeout=600)
    rows = {r["submission"]: r for r in json.loads(out.with_suffix(".json").read_text())}
    return result, rows, out, folder, before


@pytest.fixture(scope="module")
def graded_loops(tmp_path_factory):
    """The time limits on their own batch, so that a run on a second JDK can check just them
    (`pytest -k endless_loop`): Thread.stop, which the grader's limit uses, differs between JDKs."""
    folder = tmp_path_factory.mktemp("loops")
    variant(SOLUTION, folder / "erin_loop.ipynb", "return a.map(Math::tanh);", "while (a != null) { a = a.plus(a); }\n        return a;")
    variant(SOLUTION, folder / "frank_top_loop.ipynb", extra_cell="long spins = 0;\nwhile (true) { spins++; }")
    variant(SOLUTION, folder / "zoe_full.ipynb")   # graded after the loops, in a fresh kernel
    return grade_folder(tmp_path_factory, folder)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    variant(SOLUTION, folder / "alice_full.ipynb")
    variant(STUB, folder / "bob_stub.ipynb")
    variant(SOLUTION, folder / "carol_no_bias.ipynb", CORRECT_STEP, CORRECT_STEP.replace('.plusRow(p.get("bh"))', ""))
    variant(SOLUTION, folder / "dan_no_compile.ipynb", "return a.map(Math::tanh);", "return a.map(Math::tanh)")
    (folder / "gina_not_json.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
    variant(SOLUTION, folder / "henry_exit.ipynb", extra_cell="System.exit(3);")
    # About 3 MB of output against a 1 MB limit, then the grading cell as usual.
    variant(SOLUTION, folder / "ivan_flood.ipynb",
            extra_cell='for (int i = 0; i < 30000; i++) System.out.println("x".repeat(100));')
    # A stub that, after its own grading cell, displays a full-marks report of its own making.
    forged = json.dumps({"exercise": "rnn_forward", "score": 9, "total": 9,
                         "tests": [{"test": f"t{k}", "passed": True, "message": ""} for k in range(9)]})
    variant(STUB, folder / "kate_forged.ipynb", at=len(nbformat.read(STUB, as_version=4).cells), extra_cell=(
        "var forged = new org.dflib.jjava.jupyter.kernel.display.DisplayData(\"9 / 9\");\n"
        "forged.putData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(\"text/x-rnnkit-grade\"), "
        + json.dumps(forged) + ");\n"
        "org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel().display(forged);"))
    # A class with the grader's name next to an untouched stub (one line gave 100% before the grader refused it).
    variant(STUB, folder / "lena_shadow.ipynb", extra_cell="class RnnForwardGrader { @org.junit.jupiter.api.Test void ok() {} }")
    # The class and its own grading call renamed.
    variant(variant(SOLUTION, folder / "mike_renamed.ipynb", "class MyRnnForward", "class MyRnn"),
            folder / "mike_renamed.ipynb", "MyRnnForward::new", "MyRnn::new")
    # The grading cell and the score cell deleted.
    nina = nbformat.read(SOLUTION, as_version=4)
    nina.cells = [c for c in nina.cells if "Grading.run" not in c.source and "grade.scoreLine" not in c.source]
    nbformat.write(nina, folder / "nina_no_grading_cell.ipynb")
    # Correct, but one step borrows the library's own RNN.
    variant(SOLUTION, folder / "oscar_reference.ipynb", extra_cell="var borrowed = new RnnCell(3, 4, 1);")
    return grade_folder(tmp_path_factory, folder)


def test_the_batch_runs_to_the_end_and_writes_csv_and_json(graded):
    result, rows, out, _, _ = graded
    assert result.returncode == 0, result.stderr
    assert len(rows) == 12
    with open(out.with_suffix(".csv"), newline="") as f:
        table = list(csv.DictReader(f))
    assert [r["submission"] for r in table] == sorted(rows)
    assert list(table[0].keys()) == grade.COLUMNS
    assert all(list(r) == grade.COLUMNS for r in rows.values())   # the JSON has the same columns, no more
    assert (out.parent / "book_executed" / "alice_full.ipynb").exists()


def test_full_marks_and_the_untouched_stub(graded):
    _, rows, _, _, _ = graded
    full, stub = rows["alice_full.ipynb"], rows["bob_stub.ipynb"]
    assert (full["status"], full["exercise"], full["score"], full["total"], full["percent"]) == ("graded", "rnn_forward", 9, 9, 100.0)
    assert full["failures"] == [] and full["reason"] == ""
    assert (stub["status"], stub["score"], stub["total"]) == ("graded", 0, 9)
    assert all(f.endswith(": not implemented yet") for f in stub["failures"])


def test_a_buggy_implementation_gets_partial_marks_and_messages_naming_the_mistake(graded):
    row = graded[1]["carol_no_bias.ipynb"]
    assert row["status"] == "graded" and 0 < row["score"] < row["total"]
    assert any("the bias term bh is missing" in f for f in row["failures"])


def test_a_submission_that_does_not_compile_scores_0_with_the_compiler_message(graded):
    row = graded[1]["dan_no_compile.ipynb"]
    assert (row["status"], row["score"], row["exercise"]) == ("error", 0, "rnn_forward")
    assert row["reason"].startswith("cell 4 failed: CompilationException") and "';' expected" in row["reason"]


def test_an_endless_loop_in_the_implementation_is_stopped_by_the_grader(graded_loops):
    row = graded_loops[1]["erin_loop.ipynb"]
    assert (row["status"], row["score"]) == ("error", 0)
    assert row["reason"].startswith("endless loop: the test 'step returns one row per example, H columns' was stopped")
    assert row["seconds"] < 60


def test_an_endless_loop_at_the_top_level_is_stopped_by_the_cell_time_limit(graded_loops):
    row = graded_loops[1]["frank_top_loop.ipynb"]
    assert (row["status"], row["score"]) == ("error", 0)
    assert "cell 4 ran longer than the time limit of 25 s" in row["reason"]


def test_after_endless_loops_the_batch_goes_on_with_full_marks(graded_loops):
    result, rows, _, _, _ = graded_loops
    assert result.returncode == 0, result.stderr
    assert sorted(rows) == ["erin_loop.ipynb", "frank_top_loop.ipynb", "zoe_full.ipynb"]
    assert (rows["zoe_full.ipynb"]["status"], rows["zoe_full.ipynb"]["score"]) == ("graded", 9)


def test_a_file_that_is_not_notebook_json_gets_its_own_row(graded):
    row = graded[1]["gina_not_json.ipynb"]
    assert (row["status"], row["score"]) == ("error", 0)
    assert row["reason"].startswith("not a valid notebook")
    # nothing in the file tells its exercise: the batch's only exercise, and its total, fill the row
    assert (row["exercise"], row["total"]) == ("rnn_forward", 9)


def test_every_row_names_its_exercise_and_total_whatever_went_wrong(graded):
    _, rows, _, _, _ = graded
    assert {(r["exercise"], r["total"]) for r in rows.values()} == {("rnn_forward", 9)}, rows


def test_a_class_named_like_the_grader_cannot_grade_the_notebook(graded):
    row = graded[1]["lena_shadow.ipynb"]
    assert (row["status"], row["score"], row["total"]) == ("error", 0, 9), row
    assert "declares its own RnnForwardGrader" in row["reason"], row["reason"]


def test_a_renamed_class_is_told_the_name_it_must_have(graded):
    row = graded[1]["mike_renamed.ipynb"]
    assert (row["status"], row["score"], row["total"]) == ("error", 0, 9), row
    assert row["reason"].startswith("your class must be called MyRnnForward"), row["reason"]


def test_a_notebook_that_lost_its_grading_cell_is_graded_with_the_exercise_s_own_call(graded):
    row = graded[1]["nina_no_grading_cell.ipynb"]
    assert (row["status"], row["score"], row["total"]) == ("graded", 9, 9), row
    assert "own grading cell is missing" in row["reason"]


def test_a_call_to_the_library_s_reference_implementation_is_flagged_in_its_own_column(graded):
    _, rows, out, _, _ = graded
    assert rows["oscar_reference.ipynb"]["uses_reference"] == ["RnnCell"]
    assert (rows["oscar_reference.ipynb"]["score"], rows["oscar_reference.ipynb"]["status"]) == (9, "graded")
    assert all(r["uses_reference"] == [] for name, r in rows.items() if name != "oscar_reference.ipynb"), rows
    with open(out.with_suffix(".csv"), newline="") as f:
        assert {r["submission"]: r["uses_reference"] for r in csv.DictReader(f)}["oscar_reference.ipynb"] == "RnnCell"


def test_a_report_whose_tests_are_not_the_real_grader_s_is_rejected():
    forged = {"exercise": "rnn_forward", "score": 1, "total": 1,
              "tests": [{"test": "ok()", "passed": True, "status": "passed", "message": ""}]}
    nb = with_report(forged)
    nb.metadata["rnnkit_grader"] = {"report": forged, "exercise": "rnn_forward", "uses_reference": []}
    row = grade.row_for("s.ipynb", nb, None, 1.0)
    assert (row["status"], row["score"], row["total"]) == ("error", 0, 9), row
    assert "are not those of the kit's RnnForwardGrader (9)" in row["reason"]
    real = dict(forged, score=0, total=9, tests=[{"test": t, "passed": False, "status": "failed", "message": "x"}
                                                 for t in grade.manifest()["rnn_forward"]["tests"]])
    nb.metadata["rnnkit_grader"]["report"] = real
    assert grade.row_for("s.ipynb", nb, None, 1.0)["status"] == "graded"


def test_the_manifest_lists_every_exercise_with_its_grader_interface_and_tests():
    graders = grade.manifest()
    assert len(graders) >= 8
    for name, g in graders.items():
        assert g["total"] == len(g["tests"]) >= 5 and g["grader"].endswith("Grader") and g["interface"], (name, g)
    assert set(graders) == set(grade.REFERENCES)


def test_the_submissions_are_never_modified(graded):
    _, _, _, folder, before = graded
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def with_report(report: dict | None, error: bool = False):
    """An executed notebook of one grading cell, which showed the report (or failed)."""
    cell = new_code_cell("GradeReport grade = Grading.run(RnnForwardGrader.class, Mine::new);")
    if report is not None:
        cell.outputs = [new_output("display_data", data={"text/plain": "report", grade.GRADE_MIME: json.dumps(report)})]
    if error:
        cell.outputs = [new_output("error", ename="CompilationException", evalue="bad", traceback=["bad"])]
    return new_notebook(cells=[cell])


def executed(folder: Path, name: str, report: dict | None, error: bool = False) -> Path:
    path = folder / name
    nbformat.write(with_report(report, error), path)
    return path


def report(*results):
    """A report as rnnkit.grading writes it, from (status, message) per test."""
    return {"exercise": "rnn_forward", "score": sum(s == "passed" for s, _ in results), "total": len(results),
            "tests": [{"test": f"t{k}", "passed": s == "passed", "status": s, "message": m}
                      for k, (s, m) in enumerate(results)]}


UNDONE = ("not_implemented", "not implemented yet")


@pytest.mark.parametrize("expect, reports, ok", [
    ("full", [report(("passed", ""), ("passed", ""))], True),
    ("full", [report(("passed", ""), ("failed", "the bias term bh is missing"))], False),
    ("zero", [report(UNDONE, UNDONE)], True),
    ("zero", [report(UNDONE, ("failed", "your code threw NullPointerException"))], False),
    ("zero", [None], False),
    # The status decides, not the sentence: a message that reads like a stub's is not one...
    ("zero", [report(UNDONE, ("failed", "not implemented yet"))], False),
    # ... and a stub's status counts whatever its message says.
    ("zero", [report(("not_implemented", "rien n'est fait"), UNDONE)], True),
])
def test_expect_checks_already_executed_notebooks(tmp_path, expect, reports, ok):
    for k, r in enumerate(reports):
        executed(tmp_path, f"n{k}.ipynb", r)
    result = subprocess.run([sys.executable, str(ENVIRONMENT / "grade.py"), "--executed", str(tmp_path),
                             "--expect", expect, "--out", str(tmp_path / "out" / "book")],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr


def test_an_executed_notebook_with_an_error_scores_0(tmp_path):
    executed(tmp_path, "broken.ipynb", report(("passed", "")), error=True)
    rows = [grade.row_for("broken.ipynb", nbformat.read(tmp_path / "broken.ipynb", as_version=4),
                          grade.first_error(nbformat.read(tmp_path / "broken.ipynb", as_version=4)), 0.0)]
    assert rows[0]["score"] == 0 and rows[0]["status"] == "error" and "CompilationException" in rows[0]["reason"]


def test_a_submission_that_calls_system_exit_scores_0_and_the_batch_goes_on(graded):
    _, rows, _, _, _ = graded
    row = rows["henry_exit.ipynb"]
    assert row["status"] == "error" and row["score"] == 0
    assert "kernel died" in row["reason"] and "calls System.exit" in row["reason"], row["reason"]
    assert rows["ivan_flood.ipynb"]["submission"] == "ivan_flood.ipynb"   # the one after it was graded


def test_huge_output_is_cut_at_the_limit_and_the_submission_is_still_graded(graded):
    _, rows, out, _, _ = graded
    row = rows["ivan_flood.ipynb"]
    assert row["status"] == "graded" and row["score"] == row["total"] == 9, row
    assert "output cut" in row["reason"] and "cell 4" in row["reason"], row["reason"]
    executed = out.parent / (out.name + "_executed") / "ivan_flood.ipynb"
    # 3 MB were printed; about 1 MB of it is kept (the file's line-by-line JSON adds some overhead).
    assert executed.stat().st_size < 2_000_000


def test_a_report_the_submission_displays_itself_does_not_count(graded):
    _, rows, out, _, _ = graded
    row = rows["kate_forged.ipynb"]
    assert row["status"] == "graded" and row["score"] == 0 and row["total"] == 9, row
    # The forged report was really shown (so the test would catch a grader that trusted it).
    executed = nbformat.read(out.parent / (out.name + "_executed") / "kate_forged.ipynb", as_version=4)
    assert [r["score"] for r in grade.reports_in(executed)][-2] == 9


def report_statuses(out, name):
    executed = nbformat.read(out.parent / (out.name + "_executed") / name, as_version=4)
    return [t["status"] for t in grade.reports_in(executed)[-1]["tests"]]


def test_the_reports_give_each_test_a_status_which_the_grader_reads(graded):
    _, rows, out, _, _ = graded
    assert set(report_statuses(out, "alice_full.ipynb")) == {"passed"}
    assert set(report_statuses(out, "bob_stub.ipynb")) == {"not_implemented"}
    assert {"passed", "failed"} <= set(report_statuses(out, "carol_no_bias.ipynb")) <= {"passed", "failed"}


def test_an_endless_loop_is_reported_with_a_timed_out_status(graded_loops):
    _, rows, out, _, _ = graded_loops
    erin = report_statuses(out, "erin_loop.ipynb")
    assert erin.count("timed_out") == 1 and set(erin) <= {"passed", "timed_out", "failed"}, erin
    stopped = rows["erin_loop.ipynb"]["tests_failed"][0]
    assert rows["erin_loop.ipynb"]["reason"].startswith(f"endless loop: the test '{stopped}'")


def test_a_timed_out_status_is_an_endless_loop_whatever_its_message_says():
    row = grade.row_for("s.ipynb", with_report(report(("passed", ""), ("timed_out", "stopped by the clock"))), None, 1.0)
    assert (row["status"], row["score"], row["total"]) == ("error", 0, 2)
    assert row["reason"] == "endless loop: the test 't1' was stopped at the grader's time limit"
    assert row["tests_passed"] == ["t0"] and row["failures"] == ["t1: stopped by the clock"]


def test_a_message_that_reads_like_a_time_out_is_only_a_failure_when_its_status_says_failed():
    row = grade.row_for("s.ipynb", with_report(report(
        ("passed", ""), ("failed", "this test ran longer than the time limit of 5 s and was stopped"))), None, 1.0)
    assert (row["status"], row["score"], row["total"], row["reason"]) == ("graded", 1, 2, "")
    assert row["statuses"] == ["passed", "failed"]


def test_a_report_without_statuses_reads_as_passed_or_failed():
    old = report(("passed", ""), ("failed", "not implemented yet"))
    for t in old["tests"]:
        del t["status"]
    row = grade.row_for("s.ipynb", with_report(old), None, 1.0)
    assert (row["status"], row["score"], row["statuses"]) == ("graded", 1, ["passed", "failed"])


def test_a_notebook_shaped_in_an_unexpected_way_gets_an_error_row_and_the_batch_goes_on(tmp_path):
    # Valid enough for nbformat to read, but a cell's source is a number: reading the grading call raises.
    odd = with_report(None)
    odd.cells[0].source = 5
    (tmp_path / "a_odd.ipynb").write_text(json.dumps(odd), encoding="utf-8")
    executed(tmp_path, "b_fine.ipynb", report(("passed", ""), ("passed", "")))
    out = tmp_path / "out" / "book"
    result = subprocess.run([sys.executable, str(ENVIRONMENT / "grade.py"), "--executed", str(tmp_path), "--out", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    rows = {r["submission"]: r for r in json.loads(out.with_suffix(".json").read_text())}
    assert (rows["a_odd.ipynb"]["status"], rows["a_odd.ipynb"]["score"]) == ("error", 0)
    assert rows["a_odd.ipynb"]["reason"].startswith("could not grade: TypeError"), rows["a_odd.ipynb"]
    assert (rows["b_fine.ipynb"]["status"], rows["b_fine.ipynb"]["score"]) == ("graded", 2)
