#!/usr/bin/env python3
"""Validates fact files against a JSON Schema with python's jsonschema, as an
editor or a script would: each TOML file is read with tomllib and its TOML dates
become the ISO strings kzfp reads them as.

usage: validate.py SCHEMA FILE...
Prints `FILE: ok` or `FILE: invalid: <first error>` per file; exits 1 if any is
invalid (2 if a file is not TOML at all).
"""

import datetime
import json
import sys
import tomllib

import jsonschema


def plain(value):
    """The TOML document as JSON data: dates as their ISO text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def main():
    schema_path, *files = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    worst = 0
    for path in files:
        try:
            with open(path, "rb") as f:
                data = plain(tomllib.load(f))
        except tomllib.TOMLDecodeError as e:
            print(f"{path}: not TOML: {e}")
            worst = max(worst, 2)
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            print(f"{path}: invalid: {where}: {errors[0].message}")
            worst = max(worst, 1)
        else:
            print(f"{path}: ok")
    sys.exit(worst)


if __name__ == "__main__":
    main()
