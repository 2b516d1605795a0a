#!/usr/bin/env python3
"""Reads two actbench results.json files the way Google Benchmark's
tools/compare.py reads two runs: the "benchmarks" entries, paired by
"name" (entries of the first file's time_unit, which must carry real_time
and cpu_time), and prints the relative change of real and CPU time per
pair, as compare.py's table does.  Exits 1 when the files do not load, when
an entry lacks a field compare.py needs, or when fewer than MIN pairs match.

  compare_json_runs.py OLD.json NEW.json [MIN] [FILTER_REGEX]
"""
import json
import re
import sys


def comparable(entry):
    return "time_unit" in entry and "real_time" in entry and "cpu_time" in entry


def change(old, new):
    if old == 0 and new == 0:
        return 0.0
    if old == 0:
        return (new - old) / ((old + new) / 2)
    return (new - old) / abs(old)


def main():
    if len(sys.argv) not in (3, 4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    runs = []
    for path in sys.argv[1:3]:
        with open(path, encoding="utf-8") as f:
            runs.append(json.load(f))
    minimum = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    wanted = re.compile(sys.argv[4]) if len(sys.argv) > 4 else None
    for path, run in zip(sys.argv[1:3], runs):
        if "context" not in run or "benchmarks" not in run:
            print(f"{path}: no context or benchmarks")
            return 1
        for entry in run["benchmarks"]:
            if not comparable(entry) or "name" not in entry:
                print(f"{path}: entry without name, time_unit, real_time or cpu_time: {entry}")
                return 1
    old, new = runs
    names = []
    for entry in old["benchmarks"]:
        name = entry.get("run_name") or entry["name"]
        if wanted and not wanted.search(name):
            continue
        if entry["name"] not in names:
            names.append(entry["name"])
    new_names = {entry["name"] for entry in new["benchmarks"]}
    pairs = 0
    width = max([len("Benchmark")] + [len(n) for n in names])
    print(f"{'Benchmark':<{width}}  {'Time':>8} {'CPU':>8} {'Time Old':>10} {'Time New':>10} "
          f"{'CPU Old':>10} {'CPU New':>10}")
    print("-" * (width + 62))
    for name in names:
        if name not in new_names:
            continue
        lhs = [e for e in old["benchmarks"] if e["name"] == name]
        unit = lhs[0]["time_unit"]
        rhs = [e for e in new["benchmarks"] if e["name"] == name and e["time_unit"] == unit]
        for a, b in zip(lhs, rhs):
            print(f"{name:<{width}}  {change(a['real_time'], b['real_time']):+8.4f} "
                  f"{change(a['cpu_time'], b['cpu_time']):+8.4f} {a['real_time']:10.4f} "
                  f"{b['real_time']:10.4f} {a['cpu_time']:10.4f} {b['cpu_time']:10.4f}")
            pairs += 1
    print(f"{pairs} benchmarks compared ({unit if pairs else 'no'} time unit)")
    if pairs < minimum:
        print(f"FAIL: fewer than {minimum} benchmarks matched by name")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
