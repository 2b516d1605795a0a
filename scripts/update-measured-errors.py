#!/usr/bin/env python3
"""Rewrite the "Measured max error" block at the end of each impls/ file's
head comment from an accuracy.csv, so that the figures a file states are
the ones actbench measured:

    scripts/actbench --all --accuracy-only --out /tmp/m
    scripts/update-measured-errors.py /tmp/m/accuracy.csv

Implementations are matched to files by name: <activation>_libm_* lives in
impls/<family>_libm.c, <activation>_<peer>[_u10|_u35]_<isa> in
impls/<peer>_<isa>.c.  Rows skipped for want of the ISA are stated as such."""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILY = {"hard_sigmoid_keras": "hard_sigmoid", "hard_sigmoid_torch": "hard_sigmoid"}


def file_for(row: dict) -> Path:
    if row["method"] == "libm":
        act = row["activation"]
        return ROOT / "impls" / f"{FAMILY.get(act, act)}_libm.c"
    return ROOT / "impls" / f"{row['method']}_{row['isa']}.c"


def figure(v: str) -> str:
    return f"{float(v):.4g}"


def block(rows: list) -> list:
    lines = [" * Measured max error against MPFR, f32 (scripts/actbench --all",
             " * --accuracy-only: seed 1, 2^20 random inputs and the special values):"]
    skipped = [r["implementation"] for r in rows if r["status"] != "ok"]
    if skipped:
        lines[-1] = lines[-1][:-1] + ": none, the CPU"
        lines.append(f" * lacks {rows[0]['isa']}; the bounds in registry.inc are estimates for")
        lines.extend(f" *   {name}" for name in skipped)
    for r in rows:
        if r["status"] != "ok":
            continue
        lines.append(f" *   {r['implementation']}: value {figure(r['value_max_ulp'])} ulp"
                     f" at x = {r['value_worst_input']},")
        lines.append(f" *     gradient {figure(r['gradient_max_ulp'])} ulp"
                     f" at x = {r['gradient_worst_input']}")
    return lines


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))
                if r["format"] == "f32"]
    by_file: dict = {}
    for r in rows:
        by_file.setdefault(file_for(r), []).append(r)
    for path, file_rows in sorted(by_file.items()):
        lines = path.read_text(encoding="utf-8").split("\n")
        end = lines.index(" */")  # end of the head comment
        start = next((i for i in range(end) if "Measured max error" in lines[i]), end)
        if start > 0 and start == end and lines[end - 1] != " *":
            lines.insert(end, " *")
            start = end = end + 1
        lines[start:end] = block(file_rows)
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(file_rows)} implementations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
