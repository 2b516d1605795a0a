#!/usr/bin/env python3
"""README.md's documentation of the CSV columns, from the column lists the
writers themselves use (reports/<name>_columns.inc, see reports/schema.h).

  columns-doc.py [NAME]            print the Markdown table of NAME.csv's
                                   columns (default accuracy); NAME json: the
                                   table of results.json's fields, from
                                   reports/results.schema.json
  columns-doc.py --check README.md exit 1 unless README.md has the table of
                                   every file documented by a table, and the
                                   header line of every other file

accuracy.csv and speed.csv are documented by a table (column, unit,
meaning); profile.csv, failures.csv and machine.csv by their header line in
backquotes, with prose around it.  Each file's heading "### NAME.csv (schema
N)" must give the version of reports/schema.h.  results.json is documented
by the table of every field its schema names, under "### results.json
(version N)".
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMN = re.compile(r'^COLUMN\((\w+),\s*"([^"]*)",\s*"((?:[^"\\]|\\.)*)"\)', re.M)
TABLES = ("accuracy", "speed")
HEADER_LINES = ("profile", "failures", "machine")


def columns(name: str) -> list:
    path = ROOT / "reports" / f"{name}_columns.inc"
    found = COLUMN.findall(path.read_text(encoding="utf-8"))
    if not found:
        sys.exit(f"{path}: no COLUMN(name, unit, description) lines")
    return [(column, unit, desc.replace('\\"', '"')) for column, unit, desc in found]


def table(name: str) -> str:
    lines = ["| column | unit | meaning |", "|---|---|---|"]
    for column, unit, desc in columns(name):
        desc = desc.replace("|", "\\|")
        lines.append(f"| `{column}` | {unit or '—'} | {desc} |")
    return "\n".join(lines) + "\n"


def header_line(name: str) -> str:
    return "`" + ",".join(column for column, _, _ in columns(name)) + "`"


def version(name: str) -> int:
    text = (ROOT / "reports" / "schema.h").read_text(encoding="utf-8")
    found = re.search(rf"^#define {name.upper()}_SCHEMA_VERSION (\d+)$", text, re.M)
    if not found:
        sys.exit(f"reports/schema.h: no {name.upper()}_SCHEMA_VERSION")
    return int(found.group(1))


def json_schema() -> dict:
    return json.loads((ROOT / "reports" / "results.schema.json").read_text(encoding="utf-8"))


def json_fields(schema: dict, path: str, rows: list) -> None:
    """(path, type, meaning) of every field the schema names, depth first."""
    for name, sub in schema.get("properties", {}).items():
        field = f"{path}.{name}" if path else name
        kind = sub.get("type", "")
        if "const" in sub:
            kind = json.dumps(sub["const"])
        elif isinstance(kind, list):
            kind = " or ".join(kind)
        if "enum" in sub:
            kind += ": " + ", ".join(str(v) for v in sub["enum"])
        meaning = sub.get("description", "")
        rows.append((field, kind, meaning))
        if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
            json_fields(sub["items"], field + "[]", rows)
        elif isinstance(sub.get("additionalProperties"), dict) and \
                sub["additionalProperties"].get("properties"):
            json_fields(sub["additionalProperties"], field + ".<format>", rows)
        else:
            json_fields(sub, field, rows)


def json_table() -> str:
    rows = []
    json_fields(json_schema(), "", rows)
    lines = ["| field | type | meaning |", "|---|---|---|"]
    for field, kind, meaning in rows:
        meaning = meaning.replace("|", "\\|")
        lines.append(f"| `{field}` | {kind} | {meaning} |")
    return "\n".join(lines) + "\n"


def json_version() -> int:
    return json_schema()["properties"]["actbench"]["properties"]["version"]["const"]


def check(readme_path: str) -> int:
    readme = Path(readme_path).read_text(encoding="utf-8")
    wrong = [f"the heading '### {name}.csv (schema {version(name)})'"
             for name in TABLES + HEADER_LINES
             if f"### {name}.csv (schema {version(name)})\n" not in readme]
    wrong += [f"{name}.csv's table" for name in TABLES if table(name) not in readme]
    wrong += [f"{name}.csv's header line {header_line(name)}" for name in HEADER_LINES
              if header_line(name) not in readme]
    if f"### results.json (version {json_version()})\n" not in readme:
        wrong.append(f"the heading '### results.json (version {json_version()})'")
    if json_table() not in readme:
        wrong.append("results.json's table of fields")
    if wrong:
        for what in wrong:
            print(f"README.md lacks {what} as reports/schema.h and reports/*_columns.inc"
                  " have it; regenerate the tables with scripts/columns-doc.py NAME",
                  file=sys.stderr)
        return 1
    print("README.md documents every column of " +
          ", ".join(f"{name}.csv" for name in TABLES + HEADER_LINES) +
          " and every field of results.json")
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        return check(sys.argv[2])
    if len(sys.argv) == 2 and sys.argv[1] == "json":
        sys.stdout.write(json_table())
        return 0
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1] not in TABLES + HEADER_LINES):
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(table(sys.argv[1] if len(sys.argv) == 2 else "accuracy"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
