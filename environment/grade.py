"""Grade a folder of submitted exercise notebooks and write a gradebook (CSV and JSON).

    environment/grade SUBMISSIONS [--out GRADEBOOK] [--timeout SECONDS]

SUBMISSIONS is a folder (searched recursively) or notebook files. Each notebook is copied to a
scratch folder and executed there, headless, in a fresh kernel, top to bottom; the originals are
never modified. The grader appends its own grading cell, the exercise's grading call as the
solution notebook writes it (Grading.run in rnnkit.grading) behind a fresh nonce, and makes the row
from the machine-readable report of that cell only, so a submission cannot report its own grade:

    submission, exercise, status, score, total, percent, tests_passed, tests_failed, failures, reason, seconds

status is "graded" when the notebook ran through, or "error" when it could not be graded, with
score 0 and the reason: not valid notebook JSON, a cell that does not compile or throws, an endless
loop (a cell running past --timeout, or a graded method stopped by the grader's own 5 s limit per
test; the tests passed before it are still listed), a kernel that died (System.exit, for one), or
no grading cell. A notebook keeps at most --max-output-mb of output; beyond that its output is
dropped and the reason says so. One bad submission never stops the batch. Writes GRADEBOOK.csv and
GRADEBOOK.json (default: gradebook in the current folder) and the executed copies under
GRADEBOOK_executed/.

For the test command: --executed reads notebooks already executed (by run_notebooks.py) instead
of running them, and --expect full|zero exits 1 unless every row has full marks / scores 0 with
every test's status "not_implemented" (the report gives each test a status: passed, failed,
timed_out or not_implemented; the grader reads that, never the messages, which are for people).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebook_harness as harness  # noqa: E402
from notebook_harness import error_text, one_line, traceback_text  # noqa: E402

GRADE_MIME = "text/x-rnnkit-grade"
COLUMNS = ["submission", "exercise", "status", "score", "total", "percent", "tests_passed", "tests_failed",
           "failures", "reason", "seconds"]


def status_of(test: dict) -> str:
    """A test's status in the report: "passed", "failed", "timed_out" or "not_implemented". A report
    without statuses (a library from before them) gives only passed or failed."""
    return test.get("status") or ("passed" if test["passed"] else "failed")


SOLUTIONS = Path(__file__).resolve().parent.parent / "notebooks" / "exercises" / "solutions"
GRADING_CALL = re.compile(r"Grading\.run\(\s*(\w+Grader)\.class\s*,\s*\w+::new\s*\)")
NONCE_LINE = "rnnkit-grader "


def canonical_calls(folder: Path = SOLUTIONS) -> dict[str, str]:
    """Grader class -> the grading call of its exercise, as the solution notebook writes it."""
    calls = {}
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            m = GRADING_CALL.search(cell.get("source", "")) if cell.cell_type == "code" else None
            if m:
                calls[m.group(1)] = m.group(0)
    return calls


def grader_cell(nb, calls: dict[str, str], nonce: str):
    """The cell the batch grader appends to a submission: the exercise's own grading call, behind a
    line with a fresh nonce. Only the report that follows that line counts, so a submission cannot
    grade itself by displaying a report of its own making. None if the notebook names no known grader."""
    for cell in nb.cells:
        m = GRADING_CALL.search(cell.get("source", "")) if cell.cell_type == "code" else None
        if m and m.group(1) in calls:
            return new_code_cell(f'System.out.println("{NONCE_LINE}{nonce}");\n{calls[m.group(1)]};')
    return None


def report_after_nonce(cell, nonce: str) -> dict | None:
    """The last grading report in the grader's own cell, after the nonce line it printed first."""
    seen, report = False, None
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and f"{NONCE_LINE}{nonce}" in out.get("text", ""):
            seen = True
        data = out.get("data", {})
        if seen and GRADE_MIME in data:
            text = data[GRADE_MIME]
            report = json.loads("".join(text) if isinstance(text, list) else text)
    return report


def reports_in(nb) -> list[dict]:
    """The grading reports a notebook's outputs hold, in order."""
    reports = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if GRADE_MIME in data:
                text = data[GRADE_MIME]
                reports.append(json.loads("".join(text) if isinstance(text, list) else text))
    return reports


def first_error(nb) -> str | None:
    for k, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code":
            text = cell_error(cell)
            if text:
                return f"cell {k} failed: " + text
    return None


def cell_error(cell) -> str:
    """A cell's error in one line: for a compile error the compiler's lines (the kernel repeats the
    whole cell in the exception's text, which says nothing), otherwise the exception and its first frames."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            name = out.get("ename", "Error")
            trace = traceback_text(out)
            if name.endswith("CompilationException") and trace.strip():
                return f"{name}: " + one_line(trace)
            return f"{name}: {one_line(out.get('evalue', ''), 2)[:300]}" + (" | " + one_line(trace, 3) if trace.strip() else "")
    return error_text(cell)


class CappedClient(NotebookClient):
    """A notebook client that keeps at most max_output_bytes of a notebook's outputs (a submission
    that prints without end must not fill the grader's memory or the executed copy). The grading
    report and the grader's nonce line are always kept: they are small, and the row is made from them."""

    def __init__(self, nb, max_output_bytes: int, **kwargs):
        super().__init__(nb, **kwargs)
        self.max_output_bytes = max_output_bytes
        self.output_bytes = 0
        self.truncated_at: int | None = None  # the first cell whose output was cut

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        if GRADE_MIME not in content.get("data", {}) and NONCE_LINE not in content.get("text", ""):
            self.output_bytes += len(json.dumps(content))
            if self.output_bytes > self.max_output_bytes:
                if self.truncated_at is None:
                    self.truncated_at = cell_index
                return None
        return super().output(outs, msg, display_id, cell_index)


def reason_for(run: harness.Run, nb, timeout: int) -> str | None:
    """Why a submission could not be graded, in one line for its row; None if every cell ran."""
    cell = f"cell {run.position}" if run.position is not None else None
    if run.kind == harness.TIMED_OUT:
        return (f"{cell} ran longer than the time limit of {timeout} s and was stopped (an endless loop?)" if cell
                else f"the time limit of {timeout} s passed before any cell ran")
    if run.kind == harness.KERNEL_DIED:
        return f"the kernel died {f'while {cell} ran' if cell else 'before any cell ran'}: {one_line(str(run.error), 2)}"
    if run.kind == harness.CELL_FAILED:
        return first_error(nb) or (f"{cell} failed: " if cell else "the run failed before any cell ran: ") \
            + one_line(str(run.error))
    if run.kind == harness.NOT_RUN:
        return f"could not run: {type(run.error).__name__}: {one_line(str(run.error), 3)}"
    return None


def execute(src: Path, timeout: int, kernel: str, executed_dir: Path, label: str,
            max_output_bytes: int = 2_000_000) -> tuple[object, str | None, str | None]:
    """Runs a copy of the notebook in a scratch folder; returns (executed notebook or None, failure reason, note)."""
    nb, invalid = harness.read_notebook(src)
    if nb is None:
        return None, invalid, None
    nonce = secrets.token_hex(16)
    appended = grader_cell(nb, canonical_calls(), nonce)
    if appended is not None:
        nb.cells.append(appended)
    with tempfile.TemporaryDirectory(prefix="rnnkit-grade-") as scratch:
        shutil.copyfile(src, Path(scratch) / src.name)
        run = harness.execute(nb, kernel, timeout, Path(scratch), CappedClient, max_output_bytes=max_output_bytes)
    reason = reason_for(run, nb, timeout)
    harness.write_copy(nb, executed_dir, label)
    note = None
    nb.metadata["rnnkit_grader"] = {"report": report_after_nonce(appended, nonce) if appended is not None else None}
    truncated_at = getattr(run.client, "truncated_at", None)
    if truncated_at is not None:
        note = (f"output cut: the notebook printed more than {max_output_bytes // 1_000_000} MB "
                f"(from cell {truncated_at + 1} on, output past the limit was dropped)")
    return nb, reason, note


def row_for(label: str, nb, error: str | None, seconds: float, note: str | None = None) -> dict:
    """One gradebook row. An error (the notebook did not run through, or never graded) scores 0; a
    note (such as output cut at the size limit) is kept in the reason without changing the score."""
    if nb is not None and "rnnkit_grader" in nb.metadata:
        # Graded here: only the report of the grader's own appended cell counts.
        report = nb.metadata["rnnkit_grader"]["report"]
    else:
        # Executed by the test command from the project's own notebooks: their last report.
        reports = reports_in(nb) if nb is not None else []
        report = reports[-1] if reports else None
    if error is None and report is None:
        error = "no grading report: the grading cell (Grading.run(...)) is missing or did not run"
    tests = report["tests"] if report else []
    passed = [t["test"] for t in tests if t["passed"]]
    failed = [t for t in tests if not t["passed"]]
    if error is None:
        stopped = [t for t in failed if status_of(t) == "timed_out"]
        if stopped:
            # A submission that loops forever scores 0 (the tests it passed first stay listed).
            error = f"endless loop: the test '{stopped[0]['test']}' was stopped at the grader's time limit"
    reason = "; ".join(r for r in (error, note) if r)
    score = 0 if error else len(passed)
    total = report["total"] if report else 0
    return {
        "submission": label,
        "exercise": report["exercise"] if report else guess_exercise(nb),
        "status": "error" if error else "graded",
        "score": score,
        "total": total,
        "percent": round(100.0 * score / total, 1) if total else 0.0,
        "tests_passed": passed,
        "tests_failed": [t["test"] for t in failed],
        "failures": [f"{t['test']}: {t['message']}" for t in failed],
        "reason": reason,
        "seconds": round(seconds, 1),
        "statuses": [status_of(t) for t in tests],   # for --expect; not a gradebook column
    }


def guess_exercise(nb) -> str:
    """The exercise a notebook grades, read from its grading cell, when it produced no report."""
    if nb is None:
        return ""
    for cell in nb.cells:
        m = re.search(r"Grading\.run\(\s*(\w+)Grader\.class", cell.get("source", ""))
        if m:
            return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", m.group(1)).lower()
    return ""


def write_gradebook(rows: list[dict], out: Path) -> tuple[Path, Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = out.with_suffix(".csv"), out.with_suffix(".json")
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([" | ".join(r[c]) if isinstance(r[c], list) else r[c] for c in COLUMNS])
    json_path.write_text(json.dumps([{c: r[c] for c in COLUMNS} for r in rows], indent=2, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    return csv_path, json_path


def check_expectation(rows: list[dict], expect: str) -> list[str]:
    problems = []
    for r in rows:
        if r["status"] != "graded":
            problems.append(f"{r['submission']}: {r['reason']}")
        elif expect == "full" and (r["total"] == 0 or r["score"] != r["total"]):
            problems.append(f"{r['submission']}: {r['score']} / {r['total']}, expected full marks: " + "; ".join(r["failures"]))
        elif expect == "zero":
            statuses = r.get("statuses", [])
            report_ok = r["score"] == 0 and r["total"] > 0 and statuses and all(s == "not_implemented" for s in statuses)
            if not report_ok:
                counts = ", ".join(f"{n} {status}" for status, n in Counter(statuses).items()) or "no tests"
                problems.append(f"{r['submission']}: expected score 0 with every test not implemented (status "
                                f"not_implemented), got {r['score']} / {r['total']} ({counts}): " + "; ".join(r["failures"][:3]))
    return problems


def grade_one(path: Path, label: str, args, executed_dir: Path) -> dict:
    """The row of one submission, whatever happens while it is graded: the batch always goes on."""
    started = time.monotonic()
    try:
        note = None
        if args.executed:
            nb, reason = harness.read_notebook(path)
            if nb is not None:
                reason = first_error(nb)
        else:
            nb, reason, note = execute(path, args.timeout, args.kernel, executed_dir, label,
                                       int(args.max_output_mb * 1_000_000))
        return row_for(label, nb, reason, time.monotonic() - started, note)
    except Exception as e:  # a notebook shaped in a way nothing above expected
        return row_for(label, None, f"could not grade: {type(e).__name__}: {one_line(str(e), 2)}",
                       time.monotonic() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="a folder of submissions, or notebooks")
    parser.add_argument("--out", type=Path, default=Path("gradebook"),
                        help="gradebook path without extension: writes OUT.csv and OUT.json (default ./gradebook)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds one cell may run (default 120)")
    parser.add_argument("--max-output-mb", type=float, default=2.0,
                        help="output one notebook may keep, in MB; the rest is dropped (default 2)")
    parser.add_argument("--kernel", default="rnnkit", help="kernelspec name (default rnnkit)")
    parser.add_argument("--executed", action="store_true", help="read already executed notebooks; run nothing")
    parser.add_argument("--expect", choices=["full", "zero"], help="exit 1 unless every submission scores full marks / 0")
    args = parser.parse_args(argv)

    out = args.out.with_suffix("") if args.out.suffix in (".csv", ".json") else args.out
    executed_dir = out.parent / (out.name + "_executed")
    submissions = harness.find_notebooks(args.paths, executed_dir, "grade")
    width = max(len(label) for _, label in submissions)
    rows = []
    for path, label in submissions:
        row = grade_one(path, label, args, executed_dir)
        rows.append(row)
        print(f"{label:<{width}}  {row['exercise'] or '?':<24} {row['score']:>3} / {row['total']:<3} "
              f"{row['status']:<6} {row['seconds']:6.1f} s  {row['reason'][:100]}", flush=True)
    csv_path, json_path = write_gradebook(rows, out)
    print(f"gradebook: {len(rows)} submissions -> {csv_path}, {json_path}")
    if args.expect:
        problems = check_expectation(rows, args.expect)
        if problems:
            print(f"grade: expected {args.expect} marks everywhere:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
        print(f"grade: every submission scores as expected ({args.expect})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
