#!/usr/bin/env python3
"""The fast references against MPFR on every point of sub-ranges.

For every activation of the catalog, actbench --range LO:HI --audit 1
computes each f32 input of a few intervals with both references: the fast
one's certified rounding and tail, and MPFR's.  Any disagreement (another
rounded value, or a tail outside the fast bound) makes actbench exit 1
with the input in %a.  The intervals sit where the fast evaluations change
form (branch points, the region near zero, saturation, underflow of the
tails), where a bound is most likely to be wrong; the points the fast
reference could not certify (the hard-to-round ones) are counted and go to
MPFR as in every exhaustive run.  The test requires at least 10M inputs in
all and at least one uncertified point met.

With the default audit share, the rows of softmax and log_softmax whose
values all sit next to 1/16 (tiny entries), or whose largest entry takes
all but e^-(2^76) (huge entries), must be certified: the points left to
MPFR as not certified or on a histogram bound may not outnumber the
audited ones.  (The gradient of such a row is a short dyadic number plus
a remainder far below its ulp; computed in one piece with an absolute
bound it was hard to round at nearly every point.)

It also measures a narrow interval around every hard-to-round input of
tests/data/hard_cases.csv (scripts/hard-cases: Sollya's worstcase search
for tanh, exp -- elu's gradient below 0 is exactly exp(x) --, sigmoid and
the erf-based gelu), where the exact value lies within 2^-47 of an f32
rounding midpoint.

Usage: fast_reference_test.py ACTBENCH_BINARY WORK_DIR [HARD_CASES.csv]
"""
import os
import re
import struct
import subprocess
import sys

# activation -> implementation measured (one is enough: the references are
# compared on every point whatever the implementation) and centres of the
# intervals
CASES = {
    "relu": ("relu_f32_libm_scalar", [0.0, 1.0]),
    "leaky_relu": ("leaky_relu_f32_libm_scalar", [0.0, -1.0]),
    "prelu": ("prelu_f32_libm_scalar", [0.0, -3.0]),
    "elu": ("elu_f32_libm_scalar", [0.0, -0.5, -3.0, -17.0]),
    "selu": ("selu_f32_libm_scalar", [0.0, -0.5, -3.0, -100.0, -700.0]),
    "sigmoid": ("sigmoid_f32_libm_scalar", [0.0, -1.0, 5.0, 16.6, -20.0, -87.5]),
    "silu": ("silu_f32_libm_scalar", [0.0, -1.0, -1.2784645, 5.0, -20.0, -88.0]),
    "softplus": ("softplus_f32_libm_scalar", [0.0, -1.0, 3.0, 16.0, -20.0, -100.0]),
    "tanh": ("tanh_f32_libm_scalar", [0.0, 0.0625, 0.55, -0.55, 1.0, 4.0, 9.0]),
    "hard_sigmoid_keras": ("hard_sigmoid_keras_f32_libm_scalar", [0.0, 2.5, -2.5, 1e-33, -1e-33]),
    "hard_sigmoid_torch": ("hard_sigmoid_torch_f32_libm_scalar", [0.0, 3.0, -3.0, 1e-33, -1e-33]),
    "hardswish": ("hardswish_f32_libm_scalar", [0.0, -1.5, -3.0, 3.0, 1e-33]),
    "gelu": ("gelu_f32_libm_scalar", [0.0, -0.75, 1.0, -3.0, -5.5, -13.0, 40.0, 1e6]),
    "gelu_tanh": ("gelu_tanh_f32_libm_scalar", [0.0, -0.75, 1.0, -3.0, -5.5]),
    "mish": ("mish_f32_libm_scalar", [0.0, -1.1924312, 1.0, -5.0, 8.0, -20.0]),
    # rows of 16 consecutive floats: near-uniform (tiny entries), spread
    # (2^28: 15 ulps of 32 apart) and past the exponential's saturation
    # (1e30: e^-(2^76) between neighbours)
    "softmax": ("softmax_f32_libm_maxsub_scalar", [0.0, 1.0, -30.0, 1e-30, 2.0**28, -1e30]),
    "log_softmax": ("log_softmax_f32_libm_maxsub_scalar", [0.0, 1.0, -30.0, -1e-30, -2.0**28, 1e30]),
    "maxout": ("maxout_f32_libm_scalar", [0.0, -1.0]),
}
# floats per interval (a multiple of 16: whole rows and groups)
WIDTH = 147456
MINIMUM_POINTS = 10_000_000
# floats per interval around a hard-to-round input
HARD_WIDTH = 4096
# hard_cases.csv case -> activation measured
HARD_ACTIVATION = {"tanh": "tanh", "elu_gradient": "elu", "sigmoid": "sigmoid", "gelu": "gelu"}


def key(f):
    """The float's position on the ordered line of f32 (+0 and -0 apart)."""
    b = struct.unpack("<I", struct.pack("<f", f))[0]
    return b if b < 0x80000000 else -(b & 0x7FFFFFFF) - 1


def from_key(k):
    b = k if k >= 0 else (-(k + 1)) | 0x80000000
    return struct.unpack("<f", struct.pack("<I", b))[0]


def interval(centre, width=WIDTH):
    k = key(centre)
    return from_key(k - width // 2).hex(), from_key(k + width // 2 - 1).hex()


def hard_cases(path):
    """(activation, x) for every row of hard_cases.csv"""
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("case,") or not line.strip():
                continue
            name, x = line.split(",")[:2]
            cases.append((HARD_ACTIVATION[name], float.fromhex(x)))
    return cases


def check(binary, work, activation, implementation, lo, hi, counts, audit_share="1"):
    """One --range run, every point audited (--audit 1) unless audit_share
    says otherwise; counts = [inputs, uncertified, failures]"""
    cmd = [binary, "-A", activation, "-i", implementation, "-f", "f32",
           f"--range={lo}:{hi}", "--audit", audit_share, "--accuracy-only",
           "--out", os.path.join(work, "out")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    inputs = re.search(r"exhaustive f32: (\d+) inputs", run.stderr)
    audit = re.search(r"(\d+) not certified.*?(\d+) audit failures", run.stderr)
    if run.returncode != 0 or not inputs or not audit or audit.group(2) != "0":
        print(f"FAIL: {activation} on [{lo}, {hi}] (exit {run.returncode}):")
        print(run.stderr)
        counts[2] += 1
        return
    counts[0] += int(inputs.group(1))
    counts[1] += int(audit.group(1))
    print(f"{activation:20} [{lo}, {hi}]: {inputs.group(1)} inputs, "
          f"{audit.group(1)} not certified, fast and MPFR agree")


def check_share(binary, work, activation, implementation, lo, hi, counts):
    """One --range run with the default audit share: the points left to
    MPFR by the fast reference (not certified, or an error figure on a
    histogram bound) must not outnumber the audited ones"""
    cmd = [binary, "-A", activation, "-i", implementation, "-f", "f32",
           f"--range={lo}:{hi}", "--accuracy-only", "--out", os.path.join(work, "out")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    m = re.search(r"(\d+) not certified, (\d+) on a histogram bound, .*?(\d+) audited"
                  r".*?(\d+) audit failures", run.stderr)
    if run.returncode != 0 or not m or m.group(4) != "0":
        print(f"FAIL: {activation} on [{lo}, {hi}] (exit {run.returncode}):")
        print(run.stderr)
        counts[2] += 1
        return
    uncertified, on_bound, audited = (int(m.group(i)) for i in (1, 2, 3))
    ok = uncertified + on_bound <= audited
    print(f"{'' if ok else 'FAIL: '}{activation:20} [{lo}, {hi}]: {uncertified} not certified "
          f"and {on_bound} on a histogram bound against {audited} audited")
    counts[2] += not ok


def main():
    binary, work = sys.argv[1], sys.argv[2]
    hard_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "data", "hard_cases.csv")
    os.makedirs(work, exist_ok=True)
    counts = [0, 0, 0]
    for activation, (implementation, centres) in CASES.items():
        for centre in centres:
            lo, hi = interval(centre)
            check(binary, work, activation, implementation, lo, hi, counts)
    # The default audit share sends scattered single points to MPFR: with
    # per-channel parameters (prelu, channel = index mod 4) each must be
    # computed at its own channel, which --audit 1 (every point, in order)
    # does not test.
    check(binary, work, "prelu", CASES["prelu"][0], "-0x1.1p-131", "-0x1p-131", counts,
          audit_share="4096")
    for activation in ("softmax", "log_softmax"):
        for centre in (2.0**-100, -2.0**-60, 2.0**99):
            lo, hi = interval(centre)
            check_share(binary, work, activation, CASES[activation][0], lo, hi, counts)
    hard = hard_cases(hard_path)
    for activation, x in hard:
        lo, hi = interval(x, HARD_WIDTH)
        check(binary, work, activation, CASES[activation][0], lo, hi, counts)
    total, uncertified, failures = counts
    print(f"{total} inputs compared ({len(hard)} hard-to-round inputs among them), "
          f"{uncertified} not certified (computed with MPFR)")
    if {a for a, _ in hard} != set(HARD_ACTIVATION.values()):
        print(f"FAIL: {hard_path} lacks hard-to-round inputs of some of "
              f"{sorted(set(HARD_ACTIVATION.values()))}")
        failures += 1
    if total < MINIMUM_POINTS:
        print(f"FAIL: fewer than {MINIMUM_POINTS} inputs compared")
        failures += 1
    if uncertified == 0:
        print("FAIL: no hard-to-round point met")
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
