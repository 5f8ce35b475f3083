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
           "failures", "reason", "uses_reference", "seconds"]
MANIFEST = Path(__file__).resolve().parent / "graders.json"
# The library's own implementation of what each exercise asks for: a submission that calls one is
# flagged in the gradebook's uses_reference column (its score stays what the tests say).
REFERENCES = {
    "rnn_forward": ["RnnCell"],
    "rnn_backward": ["RnnCell", "GradientCheck"],
    "gru_forward": ["GruCell", "SimpleGruCell"],
    "lstm_step": ["LstmCell"],
    "char_loop": ["Clipping", "SoftmaxCrossEntropy", "CharSampler"],
    "gru_backward": ["GruCell", "SimpleGruCell"],
    "lstm_bptt": ["LstmCell", "Chunks"],
    "char_model": ["RnnCell", "GruCell", "SimpleGruCell", "LstmCell", "ManyToManyModel", "Trainer", "Optimizer",
                   "Clipping", "SoftmaxCrossEntropy", "CharSampler", "Linear", "Embedding"],
}
# Names a notebook must not declare: they would hide the kit's grading classes from the grading call.
GRADING_NAMES = {"Grading", "GradeReport", "Submission", "Expect", "TestResult", "rnnkit"}


def status_of(test: dict) -> str:
    """A test's status in the report: "passed", "failed", "timed_out" or "not_implemented". A report
    without statuses (a library from before them) gives only passed or failed."""
    return test.get("status") or ("passed" if test["passed"] else "failed")


SOLUTIONS = Path(__file__).resolve().parent.parent / "notebooks" / "exercises" / "solutions"
GRADING_CALL = re.compile(r"(?:rnnkit\.grading\.)?Grading\.run\(\s*(?:rnnkit\.exercises\.)?(\w+Grader)\.class\s*,"
                          r"\s*(\w+)::new\s*\)")
NONCE_LINE = "rnnkit-grader "


def manifest() -> dict[str, dict]:
    """environment/graders.json: exercise -> its grader, interface, total and test names (kept current
    by the library's GraderManifestTest)."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def canonical_calls(folder: Path = SOLUTIONS) -> dict[str, str]:
    """Grader class -> the class name the solution notebook grades (MyRnnForward for RnnForwardGrader)."""
    calls = {}
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            m = GRADING_CALL.search(cell.get("source", "")) if cell.cell_type == "code" else None
            if m:
                calls[m.group(1)] = m.group(2)
    return calls


def code_of(cell) -> str:
    """A code cell's source without comments and string literals (what the compiler sees as names)."""
    text = cell.get("source", "") if cell.get("cell_type") == "code" else ""
    text = text if isinstance(text, str) else "".join(text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\\n])*'", "''", text)
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def exercise_of(nb, label: str, graders: dict[str, dict]) -> str:
    """The exercise a submission is for: its grading call, else the interface its class implements,
    else an exercise's name or notebook file name in its path; "" if nothing tells."""
    by_grader = {g["grader"]: name for name, g in graders.items()}
    by_interface = {g["interface"]: name for name, g in graders.items()}
    for cell in (nb.cells if nb is not None else []):
        m = GRADING_CALL.search(cell.get("source", "") if isinstance(cell.get("source", ""), str) else "")
        if cell.get("cell_type") == "code" and m and m.group(1) in by_grader:
            return by_grader[m.group(1)]
    for cell in (nb.cells if nb is not None else []):
        for interface in re.findall(r"\bimplements\s+(?:rnnkit\.exercises\.)?(\w+)", code_of(cell)):
            if interface in by_interface:
                return by_interface[interface]
    stems = {p.stem: p.stem.split("_", 1)[-1] for p in SOLUTIONS.glob("*.ipynb")}
    for part in Path(label).parts:
        for stem, short in stems.items():
            if stem in part:
                return next((n for n in graders if n.replace("_", "") == short.replace("_", "")), "") or short
        for name in sorted(graders, key=len, reverse=True):
            if name in part:
                return name
    return ""


def grader_cell(exercise: str, graders: dict[str, dict], calls: dict[str, str], nonce: str):
    """The cell the batch grader appends to a submission: the exercise's grading call with every name
    spelled out in full (a class the notebook declares cannot stand in for the grader), behind a line
    with a fresh nonce. Only the report that follows that line counts, so a submission cannot grade
    itself by displaying a report of its own making. None for an unknown exercise."""
    grader = graders.get(exercise, {}).get("grader")
    if grader is None or grader not in calls:
        return None
    return new_code_cell(f'System.out.println("{NONCE_LINE}{nonce}");\n'
                         f"rnnkit.grading.Grading.run(rnnkit.exercises.{grader}.class, {calls[grader]}::new);")


def shadowing(nb, exercise: str, graders: dict[str, dict]) -> str | None:
    """The first name the notebook declares that would hide one of the kit's grading classes: a
    grader, the grading API, the exercise's interface, or anything named rnnkit."""
    hidden = GRADING_NAMES | {g["grader"] for g in graders.values()}
    if exercise in graders:
        hidden.add(graders[exercise]["interface"])
    declared = re.compile(r"\b(?:class|interface|record|enum)\s+(\w+)|\b(rnnkit)\s*(?:=|;)")
    for cell in (nb.cells if nb is not None else []):
        for m in declared.finditer(code_of(cell)):
            name = m.group(1) or m.group(2)
            if name in hidden:
                return name
    return None


def reference_uses(nb, exercise: str, template: set[str]) -> list[str]:
    """The library classes that implement the exercise and that the student's own code names (cells
    that are not the exercise's template, unchanged)."""
    names = REFERENCES.get(exercise, [])
    found = []
    for cell in (nb.cells if nb is not None else []):
        source = cell.get("source", "")
        if cell.get("cell_type") != "code" or not isinstance(source, str) or source.strip() in template \
                or NONCE_LINE in source:
            continue
        code = code_of(cell)
        found += [n for n in names if re.search(rf"\b{n}\b", code) and n not in found]
    return found


def template_cells(exercise: str, graders: dict[str, dict]) -> set[str]:
    """The sources of the student notebook's code cells for the exercise, as the kit ships them."""
    for path in sorted(SOLUTIONS.parent.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if exercise_of(nb, path.name, graders) == exercise:
            return {c.source.strip() for c in nb.cells if c.cell_type == "code"}
    return set()


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


def renamed_class(nb) -> str | None:
    """For a grading call that could not find the class it grades: the name the class must have."""
    for cell in nb.cells:
        m = GRADING_CALL.search(cell.get("source", "")) if cell.cell_type == "code" else None
        error = cell_error(cell) if m else ""
        if m and "cannot find symbol" in error and re.search(rf"class {m.group(2)}\b", error):
            return (f"your class must be called {m.group(2)}: the grading call creates it with {m.group(2)}::new "
                    f"(rename your class back, or the grader cannot find it)")
    return None


def reason_for(run: harness.Run, nb, timeout: int) -> str | None:
    """Why a submission could not be graded, in one line for its row; None if every cell ran."""
    cell = f"cell {run.position}" if run.position is not None else None
    if run.kind == harness.TIMED_OUT:
        return (f"{cell} ran longer than the time limit of {timeout} s and was stopped (an endless loop?)" if cell
                else f"the time limit of {timeout} s passed before any cell ran")
    if run.kind == harness.KERNEL_DIED:
        why = ("the notebook calls System.exit, which ends the kernel" if any(
                re.search(r"\b(?:System\.exit|Runtime\.getRuntime\(\)\.(?:exit|halt))\s*\(", code_of(c)) for c in nb.cells)
               else "killed from outside, most often for running out of memory")
        return f"the kernel died {f'while {cell} ran' if cell else 'before any cell ran'}: {one_line(str(run.error), 2)} ({why})"
    if run.kind == harness.CELL_FAILED:
        return renamed_class(nb) or first_error(nb) or (f"{cell} failed: " if cell else "the run failed before any cell ran: ") \
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
    graders = manifest()
    exercise = exercise_of(nb, label, graders)
    hidden = shadowing(nb, exercise, graders)
    own_call = any(GRADING_CALL.search(c.source) for c in nb.cells if c.cell_type == "code" and isinstance(c.source, str))
    uses = reference_uses(nb, exercise, template_cells(exercise, graders))
    appended = grader_cell(exercise, graders, canonical_calls(), nonce)
    if appended is not None:
        nb.cells.append(appended)
    nb.metadata["rnnkit_grader"] = {"report": None, "exercise": exercise, "uses_reference": uses}
    if hidden is not None:
        harness.write_copy(nb, executed_dir, label)
        return nb, (f"the notebook declares its own {hidden}, which would hide the kit's {hidden} from the grading "
                    f"call: rename it (nothing was run)"), None
    with tempfile.TemporaryDirectory(prefix="rnnkit-grade-") as scratch:
        shutil.copyfile(src, Path(scratch) / src.name)
        run = harness.execute(nb, kernel, timeout, Path(scratch), CappedClient, max_output_bytes=max_output_bytes)
    reason = reason_for(run, nb, timeout)
    harness.write_copy(nb, executed_dir, label)
    note = None
    nb.metadata["rnnkit_grader"]["report"] = report_after_nonce(appended, nonce) if appended is not None else None
    if appended is not None and not own_call:
        note = "the notebook's own grading cell is missing: graded with the exercise's grading call"
    truncated_at = getattr(run.client, "truncated_at", None)
    if truncated_at is not None:
        note = (note + "; " if note else "") + (f"output cut: the notebook printed more than {max_output_bytes // 1_000_000} MB "
                f"(from cell {truncated_at + 1} on, output past the limit was dropped)")
    return nb, reason, note


def row_for(label: str, nb, error: str | None, seconds: float, note: str | None = None) -> dict:
    """One gradebook row. An error (the notebook did not run through, or never graded) scores 0; a
    note (such as output cut at the size limit) is kept in the reason without changing the score."""
    graders = manifest()
    graded_here = nb is not None and "rnnkit_grader" in nb.metadata
    if graded_here:
        # Graded here: only the report of the grader's own appended cell counts.
        report = nb.metadata["rnnkit_grader"]["report"]
        expected = graders.get(nb.metadata["rnnkit_grader"].get("exercise", ""))
        if report is not None and expected is not None and (
                report.get("exercise") != next(n for n, g in graders.items() if g is expected)
                or [t["test"] for t in report.get("tests", [])] != expected["tests"]):
            if error is None:
                error = (f"the report's tests ({len(report.get('tests', []))}) are not those of the kit's "
                         f"{expected['grader']} ({expected['total']}): a class declared in the notebook stood in for the grader?")
            report = None
    else:
        # Executed by the test command from the project's own notebooks: their last report.
        reports = reports_in(nb) if nb is not None else []
        report = reports[-1] if reports else None
    if error is None and report is None:
        error = ("no grading report: the grading cell (Grading.run(...)) is missing or did not run, and the exercise "
                 "could not be told from the notebook")
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
    exercise = report["exercise"] if report else (
        nb.metadata["rnnkit_grader"].get("exercise", "") if graded_here else "") or exercise_of(nb, label, graders)
    total = report["total"] if report else graders.get(exercise, {}).get("total", 0)
    return {
        "submission": label,
        "exercise": exercise,
        "status": "error" if error else "graded",
        "score": score,
        "total": total,
        "percent": round(100.0 * score / total, 1) if total else 0.0,
        "tests_passed": passed,
        "tests_failed": [t["test"] for t in failed],
        "failures": [f"{t['test']}: {t['message']}" for t in failed],
        "reason": reason,
        "uses_reference": nb.metadata["rnnkit_grader"].get("uses_reference", []) if graded_here else [],
        "seconds": round(seconds, 1),
        "statuses": [status_of(t) for t in tests],   # for --expect; not a gradebook column
    }


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
    known = {r["exercise"] for r in rows if r["exercise"]}
    if len(known) == 1:
        # A folder of one assignment: a row nothing else identifies (not even valid JSON) is that exercise too.
        only = known.pop()
        for r in rows:
            if not r["exercise"]:
                r["exercise"], r["total"] = only, manifest().get(only, {}).get("total", 0)
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
