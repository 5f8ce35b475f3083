package rnnkit.grading;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import rnnkit.notebook.JupyterKernel;

/** Shows a report in the running kernel: HTML for the reader, plain text, and the JSON copy for the batch grader. */
final class GradeDisplay {

    private GradeDisplay() {
    }

    /** Loaded only when {@link rnnkit.notebook.JupyterKernel#running()}, so the kernel's classes are present. */
    static void show(GradeReport report) {
        DisplayData d = new DisplayData(report.plain());
        d.putHTML(report.html());
        d.putData(MIMEType.parse(GradeReport.MIME), report.json());
        JupyterKernel.display(d);
    }
}
