"""Write the student exercise notebooks from their solution notebooks (one source for both).

    python environment/make_exercises.py            # write notebooks/exercises/*.ipynb
    python environment/make_exercises.py --check    # exit 1 if a committed student notebook differs

The solution notebooks live in notebooks/exercises/solutions/. In their code cells, every region
from a line containing `// BEGIN SOLUTION` to a line containing `// END SOLUTION` is the student's
part: the student notebook gets, in its place and at the same indentation,

    // YOUR CODE HERE
    throw new UnsupportedOperationException("not implemented yet");

so a region must end a method body (the stub still compiles). Everything else is copied unchanged,
with outputs and execution counts cleared. `--check` also fails when a solution notebook was
committed with outputs, or when a region is left open.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "notebooks" / "exercises"
SOLUTIONS = EXERCISES / "solutions"
BEGIN = re.compile(r"^(\s*)//\s*BEGIN SOLUTION\b")
END = re.compile(r"^\s*//\s*END SOLUTION\b")
STUB = ["// YOUR CODE HERE", 'throw new UnsupportedOperationException("not implemented yet");']


class SourceError(ValueError):
    pass


def strip_solutions(source: str, where: str = "cell") -> tuple[str, int]:
    """The source with each solution region replaced by the stub, and how many regions there were."""
    out: list[str] = []
    indent = None
    regions = 0
    for number, line in enumerate(source.splitlines(), 1):
        begin, end = BEGIN.match(line), END.match(line)
        if indent is None:
            if end:
                raise SourceError(f"{where}, line {number}: END SOLUTION without BEGIN SOLUTION")
            if begin:
                indent = begin.group(1)
                regions += 1
                out += [indent + s for s in STUB]
            else:
                out.append(line)
        else:
            if begin:
                raise SourceError(f"{where}, line {number}: BEGIN SOLUTION inside another region")
            if end:
                indent = None
    if indent is not None:
        raise SourceError(f"{where}: BEGIN SOLUTION is never closed by END SOLUTION")
    return "\n".join(out), regions


def clear_outputs(nb) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("execution", None)


def student_version(solution_path: Path) -> str:
    """The student notebook, as the exact text to write."""
    nb = nbformat.read(solution_path, as_version=4)
    clear_outputs(nb)
    total = 0
    for k, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code":
            cell.source, n = strip_solutions(cell.source, f"{solution_path.name}: cell {k}")
            total += n
    if total == 0:
        raise SourceError(f"{solution_path.name}: no BEGIN SOLUTION region, nothing for the student to write")
    return nbformat.writes(nb) + "\n"


def has_outputs(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    return any(c.cell_type == "code" and (c.outputs or c.execution_count is not None) for c in nb.cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on any difference")
    parser.add_argument("--solutions", type=Path, default=SOLUTIONS)
    parser.add_argument("--out", type=Path, default=EXERCISES)
    args = parser.parse_args(argv)

    sources = sorted(args.solutions.glob("*.ipynb"))
    if not sources:
        print(f"make_exercises: no solution notebook in {args.solutions}", file=sys.stderr)
        return 1
    problems = []
    for src in sources:
        target = args.out / src.name
        try:
            text = student_version(src)
        except (SourceError, nbformat.ValidationError, ValueError) as e:
            problems.append(str(e))
            continue
        if args.check:
            if not target.exists():
                problems.append(f"{target.relative_to(args.out.parent) if args.out.parent in target.parents else target}: "
                                "missing; run python environment/make_exercises.py")
            elif target.read_text(encoding="utf-8") != text:
                problems.append(f"{target.name}: differs from what its solution generates; "
                                "run python environment/make_exercises.py (edit the solution, never the student copy)")
            if has_outputs(src):
                problems.append(f"solutions/{src.name}: committed with outputs; clear them")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    orphans = sorted({p.name for p in args.out.glob("*.ipynb")} - {s.name for s in sources})
    for name in orphans:
        problems.append(f"{name}: a student notebook without a solution in {args.solutions.name}/")
    if problems:
        print("make_exercises: " + "\n  ".join(["problems:"] + problems), file=sys.stderr)
        return 1
    if args.check:
        print(f"make_exercises: {len(sources)} student notebooks match their solutions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
