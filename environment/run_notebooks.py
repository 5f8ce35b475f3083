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
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


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


def find_notebooks(paths: list[Path], out_dir: Path) -> list[Path]:
    """The notebooks named or found under the folders, leaving out checkpoints and executed copies."""
    out_dir = out_dir.resolve()
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb")
                            if ".ipynb_checkpoints" not in p.parts and out_dir not in p.resolve().parents)
        elif path.suffix == ".ipynb" and path.is_file():
            found.append(path)
        else:
            raise SystemExit(f"run_notebooks: {path} is neither a notebook nor a folder")
    return found


def error_text(cell) -> str:
    """The error outputs of a cell as plain text: the exception line, then the kernel's trace."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            trace = "\n".join(ANSI.sub("", line) for line in out.get("traceback", []))
            parts.append(f"{out.get('ename', 'Error')}: {ANSI.sub('', out.get('evalue', ''))}".rstrip()
                         + ("\n" + indent(trace) if trace.strip() else ""))
    return "\n".join(parts)


def stderr_text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.get("outputs", [])
                   if out.get("output_type") == "stream" and out.get("name") == "stderr")


def indent(text: str, limit: int = 25) -> str:
    lines = text.rstrip().splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join("    " + line for line in lines)


def run_one(path: Path, kernel: str, timeout: int, out_dir: Path, label: str) -> tuple[float, int, Failure | None]:
    nb = nbformat.read(path, as_version=4)
    current = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=120,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
        on_cell_start=on_cell_start,
    )
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except CellTimeoutError:
        failure = f"TimeoutError: the cell ran longer than the per-cell limit of {timeout} s and was stopped"
    except DeadKernelError as e:
        failure = f"DeadKernelError: the kernel died while the cell ran ({e})"
    except CellExecutionError as e:
        # The cell's own error output says it best; the exception's text is the fallback.
        cell_error = error_text(nb.cells[current["index"]]) if current["index"] is not None else ""
        failure = cell_error or f"{type(e).__name__}: {ANSI.sub('', str(e))}"
    except Exception as e:  # the kernel did not start, the notebook is malformed, ...
        failure = f"{type(e).__name__}: {ANSI.sub('', str(e))}"
    seconds = time.monotonic() - started

    index = current["index"]
    if failure is None:
        # Every cell ran: check that none wrote to stderr.
        for k, cell in enumerate(nb.cells):
            text = stderr_text(cell)
            if text:
                index, failure = k, "the cell wrote to stderr (lessons keep stderr clean):\n" + indent(text)
                break

    target = out_dir / label
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)

    if failure is None:
        return seconds, len(nb.cells), None
    source = nb.cells[index].source if index is not None else ""
    return seconds, len(nb.cells), Failure(Path(label), None if index is None else index + 1, source, failure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "notebooks"])
    parser.add_argument("--timeout", type=int, default=300, help="seconds one cell may run (default 300)")
    parser.add_argument("--kernel", default="rnnkit", help="kernelspec name (default rnnkit)")
    parser.add_argument("--out", type=Path, default=ROOT / ".build" / "executed",
                        help="folder for the executed copies (default .build/executed)")
    args = parser.parse_args(argv)

    notebooks = find_notebooks(args.paths, args.out)
    if not notebooks:
        print("run_notebooks: no notebook found under " + ", ".join(map(str, args.paths)), file=sys.stderr)
        return 1
    width = max(len(label_of(nb, args.paths)) for nb in notebooks)
    passed = 0
    for path in notebooks:
        label = label_of(path, args.paths)
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


def label_of(path: Path, roots: list[Path]) -> str:
    """The notebook's path relative to the folder it was found in (or its name, if given directly)."""
    for root in roots:
        if root.is_dir():
            try:
                return str(path.resolve().relative_to(root.resolve()))
            except ValueError:
                continue
    return path.name


if __name__ == "__main__":
    sys.exit(main())
