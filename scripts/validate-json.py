#!/usr/bin/env python3
"""Validates JSON documents against one of the schemas in schemas/ (test-time helper).

usage: validate-json.py SCHEMA FILE...      each FILE holds one JSON document
       validate-json.py --lines SCHEMA FILE... each line of each FILE is one document

Schemas refer to each other by file name; all of schemas/ is loaded. Prints one line per
invalid document (FILE[:LINE]: PATH: message) and exits 1 when any is invalid, 0 when all
are valid, 2 on usage errors. Needs the 'jsonschema' package from PyPI.
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource


def main(argv):
    lines = argv[:1] == ["--lines"]
    if lines:
        argv = argv[1:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path = pathlib.Path(argv[0])
    resources = []
    for path in sorted(schema_path.parent.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    failures = 0
    for name in argv[1:]:
        text = pathlib.Path(name).read_text(encoding="utf-8")
        documents = [(f"{name}:{n}", line) for n, line in enumerate(text.splitlines(), 1)] if lines else [(name, text)]
        for where, document in documents:
            for error in validator.iter_errors(json.loads(document)):
                failures += 1
                path = ".".join(str(part) for part in error.absolute_path) or "(top level)"
                print(f"{where}: {path}: {error.message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
