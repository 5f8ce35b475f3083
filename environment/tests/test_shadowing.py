"""In the kernel, a class a student declares with a grader's name cannot grade the notebook: the grading
call refuses it by name, and the kit's grader, named in full, still grades the real work (0 for a stub)."""
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

KERNELSPEC = {"name": "rnnkit", "display_name": "Java (rnnkit)", "language": "java"}
STUB = """class MyRnnForward implements RnnForward {
    public Matrix step(Matrix x, Matrix hPrev, Parameters p) { throw new UnsupportedOperationException("not implemented yet"); }
    public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) { throw new UnsupportedOperationException("not implemented yet"); }
}"""


def test_a_class_named_like_the_grader_is_refused_and_the_real_grader_still_grades(tmp_path):
    nb = new_notebook(cells=[
        new_code_cell("import rnnkit.exercises.*;\nimport rnnkit.grading.*;"),
        new_code_cell(STUB),
        new_code_cell("class RnnForwardGrader { @org.junit.jupiter.api.Test void ok() {} }"),
        new_code_cell("GradeReport grade = Grading.run(RnnForwardGrader.class, MyRnnForward::new);"),
        new_code_cell("var real = Grading.grade(rnnkit.exercises.RnnForwardGrader.class, MyRnnForward::new, "
                      "java.time.Duration.ofSeconds(5));\nreal.score() + \" / \" + real.total()"),
    ], metadata={"kernelspec": KERNELSPEC})
    NotebookClient(nb, kernel_name="rnnkit", timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    [error] = [o for o in nb.cells[3].outputs if o.output_type == "error"]
    assert "RnnForwardGrader is not the kit's grader but a class declared in this notebook" in error.evalue, error.evalue
    assert not any(o.output_type == "display_data" for o in nb.cells[3].outputs)   # no report, no 1 / 1
    [result] = [o for o in nb.cells[4].outputs if o.output_type == "execute_result"]
    assert result.data["text/plain"].strip('"') == "0 / 9"
