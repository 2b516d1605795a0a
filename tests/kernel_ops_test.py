#!/usr/bin/env python3
"""The operation counter (scripts/kernel-ops.py) on loops whose operations
are known: tests/kernel_ops_fixture.S, assembled into a library by meson.

  kernel_ops_test.py SCRIPT FIXTURE_LIBRARY
"""
import importlib.util
import sys

# function: (operations, elements, gathers) for a floor, or the start of
# the reason there is none
EXPECTED = {
    "fixture_f32_straight_avx2_forward": (4, 8, 0),
    "fixture_f32_calls_avx2_forward": "main loop calls fixture_vector_exp",
    "fixture_f32_special_avx2_forward": (5, 16, 0),
    "fixture_f32_rows_avx2_forward": "main loop runs inside another loop",
    "fixture_f32_branchy_scalar_forward": "main loop branches on each element's value",
    "fixture_f32_masks_avx512f_forward": (6, 16, 1),
    "fixture_bf16_halves_avx2_forward": (2, 16, 0),
    "fixture_f32_split_avx2_forward": (2, 8, 0),
    "fixture_f32_straight_avx2_gradient": "no loop: the work is done by fixture_rows_gradient",
}


def main():
    script, library = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("kernel_ops", script)
    kernel_ops = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kernel_ops)
    functions = kernel_ops.parse_objdump(kernel_ops.disassemble([library]))
    failed = 0
    for name, want in EXPECTED.items():
        code = kernel_ops.function_code(functions, name)
        if code is None:
            print(f"FAIL {name}: not found in {library}")
            failed += 1
            continue
        size = kernel_ops.element_size_of(name)
        count = kernel_ops.analyze(code, size)
        got = (count.ops, count.elements, count.gathers) if not count.reason else count.reason
        ok = got == want if isinstance(want, tuple) else \
            isinstance(got, str) and got.startswith(want)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got}" + ("" if ok else f", expected {want}"))
        failed += not ok
    table = kernel_ops.count_kernel(functions, "fixture_f32_straight_avx2")
    ok = table["forward"].per_element() == 0.5 and table["gradient"].per_element() is None
    print(f"{'ok  ' if ok else 'FAIL'} count_kernel: forward and gradient of one kernel")
    failed += not ok
    print(f"{len(EXPECTED) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
