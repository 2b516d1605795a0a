#!/usr/bin/env python3
"""Writes large accuracy.csv files for the compare test, from the first
row of a fixture:

  make_large_csv.py FIXTURE rows N OLD NEW
      OLD: N rows; NEW: every tenth row of OLD missing, every third row
      with value_max_ulp one ulp larger (a regression), N / 20 new rows.
  make_large_csv.py FIXTURE columns N OUT
      OUT: the fixture's header and first 3 rows with N extra columns.

Prints the counts compare must report, "rows compared, regressions,
not measured, new rows" (rows mode)."""
import sys


def load(path):
    with open(path) as f:
        lines = f.read().split("\n")
    return lines[0], lines[1].split(","), [l for l in lines[2:] if l]


def main():
    fixture, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    schema, header, rows = load(fixture)
    if mode == "columns":
        with open(sys.argv[4], "w") as f:
            f.write(schema + "\n")
            f.write(",".join(header + ["extra_%d" % i for i in range(n)]) + "\n")
            extra = "," + ",".join("0" * 1 for _ in range(n))
            for row in rows[:3]:
                f.write(row + extra + "\n")
        return
    template = rows[0].split(",")
    col = {name: i for i, name in enumerate(header)}
    act, impl, vmax = col["activation"], col["implementation"], col["value_max_ulp"]
    vbound = col["value_bound_ulp"]
    template[vbound] = "100"
    template[vmax] = "1"

    def row(i, worse):
        fields = list(template)
        fields[act] = "act%d" % (i % 37)
        fields[impl] = "impl_%d" % i
        fields[vmax] = "2" if worse else "1"
        return ",".join(fields) + "\n"

    compared = regressions = missing = 0
    with open(sys.argv[4], "w") as old, open(sys.argv[5], "w") as new:
        old.write(schema + "\n" + ",".join(header) + "\n")
        new.write(schema + "\n" + ",".join(header) + "\n")
        for i in range(n):
            old.write(row(i, False))
            if i % 10 == 0:
                missing += 1
                continue
            compared += 1
            worse = i % 3 == 0
            regressions += worse
            new.write(row(i, worse))
        for i in range(n, n + n // 20):
            new.write(row(i, False))
    print(compared, regressions, missing, n // 20)


main()
