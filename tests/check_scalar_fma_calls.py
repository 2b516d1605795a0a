#!/usr/bin/env python3
"""The FMA clones of the scalar own kernels compute every fmaf()/fma() with
the FMA instruction: no clone (a function GCC named <entry point>.fma)
reaches a call into libm's fmaf or fma, directly or through the object's
own functions (a static function the clone calls is compiled for the
baseline, where fmaf is a libm call).  The special_case functions, off the
hot path, are not followed.

    check_scalar_fma_calls.py OBJDUMP LIBRARY.a OPTIMIZATION

OPTIMIZATION is the build's meson optimization level: the per-element
functions are inlined into the clones by GCC's inlining at -O2 and -O3 (the
release build, whose speed this is about); at lower levels (the sanitizer
suite builds with -O1) they stay out of line, and the check is skipped.

Exit 0 when every clone is clean (and at least one clone was found),
1 listing each clone and the function that calls libm, 77 without objdump
or below -O2.
"""
import re
import subprocess
import sys

LIBM_FMA = ('fmaf', 'fma')


def objects(text):
    """Each object of the disassembly: {function: set of called symbols}."""
    calls, current = {}, None
    for line in text.splitlines():
        if 'file format' in line:
            if calls:
                yield calls
            calls, current = {}, None
            continue
        m = re.match(r'^[0-9a-f]+ <(.+)>:$', line)
        if m:
            current = m.group(1)
            calls[current] = set()
            continue
        if current is None:
            continue
        m = re.search(r'R_X86_64_(?:PLT32|PC32)\s+([A-Za-z_][\w.]*)', line)
        if m and m.group(1) in LIBM_FMA:
            calls[current].add(m.group(1))
        m = re.search(r'\b(?:call|jmp)\s+[0-9a-f]+ <([^>+]+)>', line)
        if m and m.group(1) != current:
            calls[current].add(m.group(1))
    if calls:
        yield calls


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if sys.argv[3] not in ('2', '3'):
        print(f'skip: built with optimization {sys.argv[3]}; the clones inline '
              'their per-element functions at -O2 and -O3 only')
        return 77
    try:
        text = subprocess.run([sys.argv[1], '-dr', '--no-show-raw-insn', sys.argv[2]],
                              capture_output=True, text=True, check=True).stdout
    except OSError:
        return 77
    clones = bad = 0
    for calls in objects(text):
        for root in sorted(f for f in calls if f.endswith('.fma')):
            clones += 1
            seen, stack, hits = set(), [root], set()
            while stack:
                f = stack.pop()
                if f in seen:
                    continue
                seen.add(f)
                for c in calls.get(f, ()):
                    if c in LIBM_FMA:
                        hits.add(f'{f} calls {c}')
                    elif c in calls and 'special_case' not in c:
                        stack.append(c)
            if hits:
                bad += 1
                print(f'{root}: ' + '; '.join(sorted(hits)))
    print(f'{clones} FMA clones, {bad} reaching libm fmaf/fma')
    return 1 if bad or clones == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
