#!/usr/bin/env python3
"""Print the Markdown table of accuracy.csv's columns from
reports/accuracy_columns.inc (the list the writer itself uses), for
README.md.  With --check README.md, exit 1 when the README's table differs
from the list."""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMN = re.compile(r'^COLUMN\((\w+),\s*"([^"]*)",\s*"((?:[^"\\]|\\.)*)"\)', re.M)


def table() -> str:
    text = (ROOT / "reports" / "accuracy_columns.inc").read_text(encoding="utf-8")
    lines = ["| column | unit | meaning |", "|---|---|---|"]
    for name, unit, desc in COLUMN.findall(text):
        desc = desc.replace("|", "\\|")
        lines.append(f"| `{name}` | {unit or '—'} | {desc} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        readme = Path(sys.argv[2]).read_text(encoding="utf-8")
        if table() not in readme:
            print("README.md's accuracy.csv table differs from reports/accuracy_columns.inc;"
                  " regenerate it with scripts/columns-doc.py", file=sys.stderr)
            return 1
        print("README.md documents every accuracy.csv column")
        return 0
    sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
