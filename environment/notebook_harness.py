"""Running notebooks headless, each in a fresh kernel: the part the notebook runner (run_notebooks.py)
and the batch grader (grade.py) share.

    find_notebooks(paths, exclude, tool)    (notebook, label) for the notebooks named or under the folders named
    read_notebook(path)                     (notebook, None), or (None, why it is not one)
    execute(nb, kernel, timeout, folder)    runs every cell in place; a Run says which cell stopped it and how
    write_copy(nb, folder, label)           the executed copy, for inspection
    error_text(cell), traceback_text(out)   a cell's errors as plain text

Each tool words its own messages from a Run: the runner for a developer, the grader for a gradebook row.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# How a run ended (Run.kind).
COMPLETED = "completed"        # every cell ran
TIMED_OUT = "timed_out"        # a cell ran past the time limit
KERNEL_DIED = "kernel_died"    # the kernel died (System.exit, for one)
CELL_FAILED = "cell_failed"    # a cell threw or did not compile
NOT_RUN = "not_run"            # the kernel did not start, the notebook is malformed, ...
# The exceptions nbclient raises, in the order they are told apart (a CellTimeoutError is also a TimeoutError, ...).
ENDINGS = ((CellTimeoutError, TIMED_OUT), (DeadKernelError, KERNEL_DIED), (CellExecutionError, CELL_FAILED),
           (Exception, NOT_RUN))


@dataclass
class Run:
    kind: str
    seconds: float
    cell: int | None = None             # 0-based index of the cell that was running; None if none had started
    error: BaseException | None = None
    client: NotebookClient | None = None

    @property
    def position(self) -> int | None:
        """The cell's 1-based position among all cells, as a reader counts them in JupyterLab."""
        return None if self.cell is None else self.cell + 1

    def error_line(self) -> str:
        """The exception that stopped the run: its type and text, without terminal colours."""
        return f"{type(self.error).__name__}: {ANSI.sub('', str(self.error))}" if self.error is not None else ""


def find_notebooks(paths: list[Path], exclude: Path | None, tool: str) -> list[tuple[Path, str]]:
    """(path, label) for each notebook named, or found in the folders named (recursively, sorted), leaving out
    checkpoints and anything under exclude (the executed copies). The label is the path relative to the folder
    the notebook was found in, or its name if it was named itself. Exits with the tool's message if there is none."""
    exclude = exclude.resolve() if exclude is not None else None
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*.ipynb")):
                if ".ipynb_checkpoints" in p.parts or (exclude is not None and exclude in p.resolve().parents):
                    continue
                found.append((p, str(p.relative_to(path))))
        elif path.is_file():
            found.append((path, path.name))
        else:
            raise SystemExit(f"{tool}: {path} is neither a notebook nor a folder")
    if not found:
        raise SystemExit(f"{tool}: no notebook found under " + ", ".join(map(str, paths)))
    return found


def read_notebook(path: Path):
    """(notebook, None), or (None, the reason) if the file is not notebook JSON."""
    try:
        return nbformat.read(path, as_version=4), None
    except Exception as e:  # not JSON, not a notebook, unreadable
        return None, f"not a valid notebook: {type(e).__name__}: {one_line(str(e), 2)}"


def execute(nb, kernel: str, timeout: int, folder: Path, client_class=None, **options) -> Run:
    """Runs the notebook's cells in place, top to bottom, in a fresh kernel whose working folder is folder,
    stopping at the first cell that fails. Never raises for what a notebook or its kernel does.
    client_class (default NotebookClient) and options let a tool use a client of its own, such as the
    grader's, which caps the output it keeps."""
    current = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    client = None
    started = time.monotonic()
    kind, error = COMPLETED, None
    try:
        client = (client_class or NotebookClient)(
            nb, kernel_name=kernel, timeout=timeout, startup_timeout=120, allow_errors=False, record_timing=False,
            resources={"metadata": {"path": str(folder)}}, on_cell_start=on_cell_start, **options)
        client.execute()
    except Exception as e:
        kind, error = next(k for cls, k in ENDINGS if isinstance(e, cls)), e
    return Run(kind, time.monotonic() - started, current["index"], error, client)


def write_copy(nb, folder: Path, label: str) -> Path:
    target = folder / label
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return target


def traceback_text(output) -> str:
    """An error output's traceback as plain text."""
    return "\n".join(ANSI.sub("", line) for line in output.get("traceback", []))


def error_text(cell) -> str:
    """The error outputs of a cell as plain text: the exception line, then the kernel's trace."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            trace = traceback_text(out)
            parts.append(f"{out.get('ename', 'Error')}: {ANSI.sub('', out.get('evalue', ''))}".rstrip()
                         + ("\n" + indent(trace) if trace.strip() else ""))
    return "\n".join(parts)


def indent(text: str, limit: int = 25) -> str:
    lines = text.rstrip().splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join("    " + line for line in lines)


def one_line(text: str, lines: int = 6) -> str:
    """The first non-blank lines of a text, joined by " | " (a gradebook cell holds one line)."""
    kept = [line.strip() for line in ANSI.sub("", text).splitlines() if line.strip()][:lines]
    return " | ".join(kept)
