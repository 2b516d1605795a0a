#!/usr/bin/env python3
"""Rewrite the "Measured max error" block at the end of each kernel file's
head comment from an accuracy.csv, so that the figures a file states are
the ones actbench measured:

    scripts/actbench --all --accuracy-only --out /tmp/m
    scripts/update-measured-errors.py /tmp/m/accuracy.csv

Every built-in kernel <name> lives in impls/<activation>/<name>.c (the
registry's rule).  Rows of kernels loaded with --kernel (method external)
and rows skipped for want of the ISA are left alone: a file keeps its
figures until a machine that runs it measures them again.  The block names
the machine class, the points and the seed the figures come from.

Every file is read and its new text computed before anything is written;
a file whose text does not change is not touched, and each changed file is
written under a temporary name and renamed over the old one, so a failure
leaves every file either as it was or as it should be."""
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "Measured max error"


def figure(v: str) -> str:
    return f"{float(v):.4g}" if v else "-"


def kernel_file(row: dict) -> Path:
    return ROOT / "impls" / row["activation"] / f"{row['implementation']}.c"


def block(rows: list, source: str) -> list:
    lines = [f" * {MARK} against MPFR, in ulps", f" * ({source}):"]
    for r in rows:
        fmt = r["format"]
        line = (f" *   {r['implementation']} {fmt}: value {figure(r['value_max_ulp'])} ulp"
                f" at x = {r['value_worst_input']}")
        # a forward-only kernel declares no gradient bound and has no
        # gradient statistics (empty; files of earlier versions: zeros)
        if r["gradient_max_ulp"] and r.get("gradient_bound_ulp", "-"):
            lines.append(line + ",")
            lines.append(f" *     gradient {figure(r['gradient_max_ulp'])} ulp"
                         f" at x = {r['gradient_worst_input']}")
        else:
            lines.append(line + " (no gradient)")
    return lines


def new_text(path: Path, rows: list, source: str) -> str:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if " */" not in lines:
        raise ValueError(f"{path.relative_to(ROOT)}: no head comment ending in ' */'")
    end = lines.index(" */")  # end of the head comment
    start = next((i for i in range(end) if MARK in lines[i]), None)
    # the block runs to the end of the head comment
    if start is None:
        insert = [" *"] if lines[end - 1] != " *" else []
        lines[end:end] = insert
        start = end = end + len(insert)
    lines[start:end] = block(rows, source)
    return "\n".join(lines)


def write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def run_identity(csv_path: Path, rows: list) -> tuple:
    """Where the figures come from: machine class and points."""
    machine = csv_path.parent / "machine.csv"
    klass = ""
    if machine.exists():
        with open(machine, encoding="utf-8") as f:
            for r in csv.reader(line for line in f if not line.startswith("#")):
                if r and r[0] == "machine.class":
                    klass = r[1]
    if not klass:
        exe = ROOT / "build" / "actbench"
        if exe.exists():
            klass = subprocess.run([str(exe), "--machine-class"], capture_output=True,
                                   text=True, check=False).stdout.strip()
    points = f"{rows[0]['points']} f32 points" if rows else ""
    return klass, points


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: update-measured-errors.py ACTBENCH-OUT/accuracy.csv", file=sys.stderr)
        return 2
    csv_path = Path(sys.argv[1])
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    by_file: dict = {}
    for r in rows:
        if r["status"] != "ok" or r["method"] == "external":
            continue
        # an f32 kernel's own figures are f32; a 16-bit kernel's its format's
        if r["format"] != "f32" and f"_{r['format']}_" not in r["implementation"]:
            continue
        by_file.setdefault(kernel_file(r), []).append(r)
    missing = [p for p in by_file if not p.exists()]
    if missing:
        for p in missing:
            print(f"no kernel file {p.relative_to(ROOT)} (impls/<activation>/<name>.c)",
                  file=sys.stderr)
        return 2
    klass, points = run_identity(csv_path, [r for rs in by_file.values() for r in rs if r["format"] == "f32"])
    updates = {}
    for path, file_rows in sorted(by_file.items()):
        # a 16-bit kernel is measured on every encoding of its format
        own = file_rows[0]["format"]
        where = points if own == "f32" else f"all 65536 {own} inputs"
        source = ", ".join(p for p in [klass, where or "? f32 points"] if p)
        text = new_text(path, file_rows, source)
        if text != path.read_text(encoding="utf-8"):
            updates[path] = text
    for path, text in updates.items():
        write_atomically(path, text)
        print(f"{path.relative_to(ROOT)}: updated")
    print(f"{len(updates)} of {len(by_file)} kernel files changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
