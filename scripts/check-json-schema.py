#!/usr/bin/env python3
"""Validate a JSON file against a JSON Schema (the subset actbench's
reports/results.schema.json uses: type, const, enum, required, properties,
additionalProperties, items) and load it as Python's json module does.

  check-json-schema.py SCHEMA.json FILE.json

Prints every violation with its path and exits 1 when there is one, 0
otherwise.
"""
import json
import sys

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def validate(value, schema, path, errors):
    if not isinstance(schema, dict):
        return
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](value) for t in types):
            errors.append(f"{path}: {json.dumps(value)[:60]} is not of type {'/'.join(types)}")
            return
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing required field '{key}'")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                validate(item, properties[key], f"{path}.{key}", errors)
            elif extra is False:
                errors.append(f"{path}: field '{key}' is not in the schema")
            elif isinstance(extra, dict):
                validate(item, extra, f"{path}.{key}", errors)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            validate(item, schema["items"], f"{path}[{index}]", errors)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        document = json.load(f)
    errors = []
    validate(document, schema, "$", errors)
    for error in errors[:50]:
        print(f"{sys.argv[2]}: {error}")
    if errors:
        print(f"{len(errors)} violations of {sys.argv[1]}")
        return 1
    print(f"{sys.argv[2]}: valid against {sys.argv[1]} "
          f"({len(document.get('benchmarks', []))} benchmarks, "
          f"{len(document.get('actbench', {}).get('accuracy', []))} accuracy rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
