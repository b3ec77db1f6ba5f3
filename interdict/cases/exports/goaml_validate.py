"""Validating goAML XML against the UNODC goAML schema (XSD 1.1, so `xmlschema`, not lxml).

The schema is looked for at `$INTERDICT_GOAML_SCHEMA`, else in the shared data folder
(`reports/goaml/goAMLSchema.xsd`); without it, exports are not validated at run time (their
construction follows the schema, and the tests validate them against it).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from interdict.core import config
from interdict.core.errors import ConfigError, InputError

SCHEMA_ENV = "INTERDICT_GOAML_SCHEMA"


def schema_path() -> Path | None:
    """The goAML schema file to validate against, if one is at hand."""
    configured = os.environ.get(SCHEMA_ENV)
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise ConfigError(f"{SCHEMA_ENV} names {path}, which is not a file")
        return path
    shared = config.shared_data_dir()
    candidate = shared / "reports" / "goaml" / "goAMLSchema.xsd" if shared else None
    return candidate if candidate and candidate.is_file() else None


@functools.cache
def _schema(path: Path) -> Any:
    import xmlschema

    return xmlschema.XMLSchema11(str(path))


def errors(data: bytes, path: Path | None = None) -> list[str]:
    """Every schema error of a goAML document, as `path: reason` (empty: valid, or no schema)."""
    where = path or schema_path()
    if where is None:
        return []
    schema = _schema(where)
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(data.decode("utf-8"))]


def validate(data: bytes, what: str) -> None:
    """Refuse a document the schema refuses (an export no FIU would accept)."""
    problems = errors(data)
    if problems:
        raise InputError(
            what,
            problems[0].split(":")[0],
            "does not validate against goAML 5.0.1: " + "; ".join(problems[:5]),
        )
