"""In a notebook, a mistake shows as one readable error, and the kernel goes on to the next cell."""
import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

KERNELSPEC = {"name": "rnnkit", "display_name": "Java (rnnkit)", "language": "java"}


def test_a_bad_argument_is_one_readable_error_and_the_next_cell_runs(tmp_path):
    nb = new_notebook(cells=[
        new_code_cell("var cell = new RnnCell(3, -4, 1);"),
        new_code_cell("new RnnCell(3, 4, 1).forward(List.of(Matrix.zeros(1, 5)));"),
        new_code_cell("var ok = new RnnCell(3, 4, 1);\nok.hiddenSize()"),
    ], metadata={"kernelspec": KERNELSPEC})
    NotebookClient(nb, kernel_name="rnnkit", timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()

    for cell, words in ((nb.cells[0], "hiddenSize must be >= 1, got -4"), (nb.cells[1], "(1, 5)")):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert len(errors) == 1, cell.outputs
        # JJava names the Java exception in the error's value: "java.lang.IllegalArgumentException, <message>".
        assert "IllegalArgumentException" in errors[0].evalue and words in errors[0].evalue
        # The trace is the message and a few frames at the library's boundary, not a wall of internals.
        assert len(errors[0].traceback) <= 8, "\n".join(errors[0].traceback)
    # The kernel survived both errors and still computes.
    result = [o for o in nb.cells[2].outputs if o.output_type == "execute_result"]
    assert result and result[0].data["text/plain"] == "4"
