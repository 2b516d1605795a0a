#!/usr/bin/env python3
"""Write the baseline of a narrower machine class from a run on a wider one:

    scripts/baseline-for-class.py WIDER.csv avx2 > tests/baselines/x86_64-avx2.csv

keeps the rows of the ISAs named (and scalar) as measured, and writes every
other row as a machine of that class would: status skipped_isa, its identity
and declared bounds, no figures.  This holds because the scalar and AVX2
kernels run the same code on both classes (glibc and SLEEF pick their code
by the same features): their accuracy figures are the same bit for bit.
Speed columns are dropped (empty): speed is only listed by the gate."""
import csv
import sys

KEEP_ALWAYS = ("activation", "implementation", "method", "isa", "format", "status", "seed",
               "input_set", "bound_source", "value_bound_ulp", "gradient_bound_ulp")
SPEED = ("cycles_per_element", "ratio_to_copy", "speed_spread")


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    isas = {"scalar", *sys.argv[2:]}
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    schema = [line for line in lines if line.startswith("#")]
    rows = list(csv.reader(line for line in lines if line and not line.startswith("#")))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    out = csv.writer(sys.stdout, lineterminator="\n")
    sys.stdout.write("\n".join(schema) + "\n")
    out.writerow(header)
    for r in body:
        if r[col["isa"]] in isas:
            r = [("" if header[i] in SPEED else v) for i, v in enumerate(r)]
        else:
            r = [(v if header[i] in KEEP_ALWAYS else "") for i, v in enumerate(r)]
            r[col["status"]] = "skipped_isa"
        out.writerow(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
