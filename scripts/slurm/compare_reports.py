"""Compares two `zoo compare` report.md files table by table, leaving out the columns
that depend on the wall clock or the output directory (wall time to threshold, steps/s,
wall time, directory). Prints the first difference and exits with 1 if there is one.

    python3 scripts/slurm/compare_reports.py local/report.md slurm/report.md
"""
import sys

IGNORED = {"wall time to threshold", "steps/s", "wall time", "directory"}


def tables(path):
    """The report's tables as lists of rows, without the ignored columns."""
    result, current, keep = [], None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        if current is None:
            keep = [i for i, name in enumerate(cells) if name not in IGNORED]
            current = []
            result.append(current)
        if set(line) <= set("|-"):
            continue
        current.append([cells[i] for i in keep if i < len(cells)])
    return result


def main():
    a, b = tables(sys.argv[1]), tables(sys.argv[2])
    if not a or not any(len(t) > 1 for t in a):
        print(f"{sys.argv[1]}: no table rows", file=sys.stderr)
        return 1
    for ta, tb in zip(a, b):
        for ra, rb in zip(ta, tb):
            if ra != rb:
                print(f"differ:\n  {ra}\n  {rb}", file=sys.stderr)
                return 1
        if len(ta) != len(tb):
            print("the tables have different numbers of rows", file=sys.stderr)
            return 1
    if len(a) != len(b):
        print("the reports have different numbers of tables", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
