"""The graders' time limit stops a student's endless loop and frees the processor, on the kit's JDK and
on the newest JDK installed beside it (Thread.stop does nothing from Java 20 on; the kit's agent makes
the loops of cells' code stoppable instead).

Each JDK gets a throwaway copy of the rnnkit kernelspec with that JDK's java (environment/setup.sh
must have run). The newest JDK is the one .ci/newest-jdk finds, as for CI's second run (extra homes in
RNNKIT_JDK_DIRS); a machine whose newest JDK is the kit's own runs the test once.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

LOOPING_CLASS = """
class Loops implements RnnForward {
    public Matrix step(Matrix x, Matrix hPrev, Parameters p) {
        Matrix h = hPrev;
        for (int t = 0; t < 1; t += 0) {      // a counter that never moves
            try {
                h = h.map(Math::tanh);
            } catch (RuntimeException e) {    // and a catch that would swallow an exception
                h = hPrev;
            }
        }
        return h;
    }
    public List<Matrix> forward(List<Matrix> xs, Matrix h0, Parameters p) {
        while (xs != null) { Thread.onSpinWait(); }
        return List.of();
    }
}
"""
GRADE = ("var report = Grading.grade(RnnForwardGrader.class, Loops::new, java.time.Duration.ofMillis(500));\n"
         "report.results().get(0).message()")
# After the report: grading threads still alive, and the kernel's CPU seconds over 2 s of wall time.
AFTERWARDS = """
var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
long cpu0 = os.getProcessCpuTime();
Thread.sleep(2000);
double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
long alive = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("rnnkit-grading") && t.isAlive()).count();
System.getProperty("java.version") + " " + alive + " " + cpuSeconds
"""


def feature(home: Path) -> int:
    release = home / "release"
    m = re.search(r'JAVA_VERSION="(\d+)', release.read_text()) if release.is_file() else None
    return int(m.group(1)) if m else 0


def jdks() -> list[Path]:
    """The kit's java, then the java of the newest JDK on the machine if that is another one."""
    kit_java = Path(KernelSpecManager().get_kernel_spec("rnnkit").argv[0])
    newest = subprocess.run([str(Path(__file__).resolve().parents[2] / ".ci" / "newest-jdk")],
                            capture_output=True, text=True)
    found = [kit_java]
    if newest.returncode == 0:
        java = Path(newest.stdout.split("\t")[0]) / "bin" / "java"
        if java.resolve() != kit_java.resolve():
            found.append(java)
    return found


@pytest.mark.parametrize("java", jdks(), ids=lambda j: f"java{feature(Path(j).resolve().parent.parent)}")
def test_an_endless_loop_is_stopped_and_frees_the_processor(java, tmp_path, monkeypatch):
    spec = KernelSpecManager().get_kernel_spec("rnnkit")
    kernels = tmp_path / "jupyter" / "kernels" / "rnnkit-jdk"
    shutil.copytree(spec.resource_dir, kernels)
    data = json.loads((kernels / "kernel.json").read_text())
    data["argv"][0] = str(java)
    (kernels / "kernel.json").write_text(json.dumps(data))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", ""))

    nb = new_notebook(cells=[new_code_cell("import rnnkit.exercises.*;\nimport rnnkit.grading.*;"),
                             new_code_cell(LOOPING_CLASS), new_code_cell(GRADE), new_code_cell(AFTERWARDS)])
    NotebookClient(nb, kernel_name="rnnkit-jdk", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()

    message = nb.cells[2].outputs[-1]["data"]["text/plain"]
    assert "ran longer than the time limit of 0.5 s and was stopped" in message
    version, alive, cpu = nb.cells[3].outputs[-1]["data"]["text/plain"].strip('"').split()
    assert int(alive) == 0, f"Java {version}: {alive} grading thread(s) still running after the report"
    # An idle kernel spends a little on the JIT and GC; a loop left spinning would spend the full 2 s.
    assert float(cpu) < 0.8, f"Java {version}: the kernel used {cpu} s of CPU in 2 s after the report"
