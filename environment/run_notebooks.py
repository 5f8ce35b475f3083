"""Execute notebooks headless, each in a fresh kernel, and stop at the first failing cell.

    python environment/run_notebooks.py [PATH ...] [--timeout SECONDS] [--kernel NAME] [--out DIR]

PATH is a notebook or a folder searched recursively (default: notebooks/). For every notebook it
prints one line, name, seconds and cells, and writes the executed copy under --out (default
.build/executed/), where its outputs (charts as image/png, tables as text/html) can be inspected.

A cell fails when it raises (a compile error or an exception in the kernel), runs past the
per-cell timeout, kills the kernel, or writes to stderr (lessons keep stderr clean, because
students and graders read it as an error). The first failure ends the run with exit status 1 and
a message naming the notebook, the cell and the error.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebook_harness as harness  # noqa: E402
from notebook_harness import error_text, indent  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Failure:
    notebook: Path
    cell: int | None  # 1-based position among all cells, as a reader counts them in JupyterLab
    source: str
    reason: str

    def describe(self) -> str:
        where = f"cell {self.cell}" if self.cell else "before any cell ran"
        first = next((line for line in self.source.splitlines() if line.strip()), "")
        head = f"{self.notebook}: {where} failed"
        if first:
            head += f" (it begins: {first.strip()[:80]})"
        return head + "\n" + self.reason


def stderr_text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.get("outputs", [])
                   if out.get("output_type") == "stream" and out.get("name") == "stderr")


def reason_for(run: harness.Run, nb, timeout: int) -> str | None:
    """What stopped the run, for a developer: the error, then the kernel's trace."""
    if run.kind == harness.TIMED_OUT:
        return f"TimeoutError: the cell ran longer than the per-cell limit of {timeout} s and was stopped"
    if run.kind == harness.KERNEL_DIED:
        return f"DeadKernelError: the kernel died while the cell ran ({run.error})"
    if run.kind == harness.CELL_FAILED and run.cell is not None:
        # The cell's own error output says it best; the exception's text is the fallback.
        return error_text(nb.cells[run.cell]) or run.error_line()
    if run.kind != harness.COMPLETED:
        return run.error_line()
    return None


def run_one(path: Path, kernel: str, timeout: int, out_dir: Path, label: str) -> tuple[float, int, Failure | None]:
    nb, invalid = harness.read_notebook(path)
    if nb is None:
        return 0.0, 0, Failure(Path(label), None, "", invalid)
    run = harness.execute(nb, kernel, timeout, path.parent.resolve())
    failure = reason_for(run, nb, timeout)
    index = run.cell
    if failure is None:
        # Every cell ran: check that none wrote to stderr.
        for k, cell in enumerate(nb.cells):
            text = stderr_text(cell)
            if text:
                index, failure = k, "the cell wrote to stderr (lessons keep stderr clean):\n" + indent(text)
                break

    harness.write_copy(nb, out_dir, label)

    if failure is None:
        return run.seconds, len(nb.cells), None
    source = nb.cells[index].source if index is not None else ""
    return run.seconds, len(nb.cells), Failure(Path(label), None if index is None else index + 1, source, failure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "notebooks"])
    parser.add_argument("--timeout", type=int, default=300, help="seconds one cell may run (default 300)")
    parser.add_argument("--kernel", default="rnnkit", help="kernelspec name (default rnnkit)")
    parser.add_argument("--out", type=Path, default=ROOT / ".build" / "executed",
                        help="folder for the executed copies (default .build/executed)")
    args = parser.parse_args(argv)

    notebooks = harness.find_notebooks(args.paths, args.out, "run_notebooks")
    width = max(len(label) for _, label in notebooks)
    passed = 0
    for path, label in notebooks:
        seconds, cells, failure = run_one(path, args.kernel, args.timeout, args.out, label)
        status = "ok" if failure is None else "FAILED"
        print(f"{label:<{width}}  {seconds:6.1f} s  {cells:3d} cells  {status}", flush=True)
        if failure is not None:
            print("\n" + failure.describe(), file=sys.stderr)
            print(f"\nnotebooks: {passed} passed, 1 failed")
            return 1
        passed += 1
    print(f"notebooks: {passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
