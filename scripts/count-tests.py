#!/usr/bin/env python3
"""Count meson's test results from testlog.json (one JSON object a line)
and print the closing line 'N passed, N failed, N skipped'.  Exit status 1
when a test failed, none ran or meson itself failed."""
import json
import sys


def main() -> int:
    path, meson_status = sys.argv[1], int(sys.argv[2])
    passed = failed = skipped = 0
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                if not line.strip():
                    continue
                result = json.loads(line).get("result", "")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:  # FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS
                    failed += 1
    except OSError as err:
        print(f"no test results: {err}", file=sys.stderr)
    if meson_status != 0 and failed == 0:
        failed = 1  # meson failed without a test result to show for it
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
