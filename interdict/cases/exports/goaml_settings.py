"""Who reports: the reporting entity's goAML id and branch, the reporting user, the entity's address.

An FIU registers each reporting entity and gives it an id; these values come, in this order, from
command-line options, `INTERDICT_GOAML_*` environment variables, or a TOML file
(`$INTERDICT_GOAML_CONFIG`, else `goaml.toml` in the data directory):

    rentity_id = 1234            # INTERDICT_GOAML_RENTITY_ID (an integer >= 1)
    rentity_branch = "Head office"   # INTERDICT_GOAML_BRANCH
    reporting_user = "JDOE01"    # INTERDICT_GOAML_REPORTING_USER: the goAML user code (4-50 characters)
    reporting_person = "Jane Doe"    # INTERDICT_GOAML_REPORTING_PERSON (used when no user code is set)
    currency = "USD"             # INTERDICT_GOAML_CURRENCY: currency_code_local
    address = "1 Main Street"    # INTERDICT_GOAML_ADDRESS, _CITY, _COUNTRY: the entity's location
    city = "Springfield"
    country = "US"
    transmode_code = "-"         # INTERDICT_GOAML_TRANSMODE: the FIU's lookup code for wire transfers
    funds_code = "-"             # INTERDICT_GOAML_FUNDS_CODE
    indicators = ["-"]           # INTERDICT_GOAML_INDICATORS (comma-separated): the FIU's indicator codes

Unset values are placeholders that still validate (`rentity_id` 1, branch "not configured"); an
export made with them says so (`GoamlSettings.configured` is false) and the CLI warns.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from interdict.core import config
from interdict.core.errors import ConfigError, InputError

PLACEHOLDER = "not configured"


@dataclass(frozen=True)
class GoamlSettings:
    """The reporting entity's values in every goAML report."""

    rentity_id: int = 1
    rentity_branch: str = PLACEHOLDER
    reporting_user: str | None = None
    reporting_person: str | None = None
    currency: str = "USD"
    address: str = PLACEHOLDER
    city: str = PLACEHOLDER
    country: str = "-"
    transmode_code: str = "-"
    funds_code: str = "-"
    indicators: tuple[str, ...] = ("-",)
    configured: bool = field(default=False, compare=False)

    def check(self) -> GoamlSettings:
        """Refuse values the schema would refuse, naming the setting."""
        if self.rentity_id < 1:
            raise InputError(
                "goAML settings", "rentity_id", f"must be an integer >= 1, got {self.rentity_id}"
            )
        if not 1 <= len(self.rentity_branch) <= 255:
            raise InputError("goAML settings", "rentity_branch", "must be 1 to 255 characters")
        if self.reporting_user is not None and not 4 <= len(self.reporting_user) <= 50:
            raise InputError("goAML settings", "reporting_user", "a goAML user code has 4 to 50 characters")
        return self


def _file_values() -> dict[str, Any]:
    configured = os.environ.get("INTERDICT_GOAML_CONFIG")
    path = Path(configured) if configured else config.home() / "goaml.toml"
    if not path.exists():
        if configured:
            raise ConfigError(f"INTERDICT_GOAML_CONFIG names {path}, which does not exist")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"goAML settings file {path}: {exc}") from exc
    return dict(data.get("goaml", data))


_ENV = {
    "rentity_id": "INTERDICT_GOAML_RENTITY_ID",
    "rentity_branch": "INTERDICT_GOAML_BRANCH",
    "reporting_user": "INTERDICT_GOAML_REPORTING_USER",
    "reporting_person": "INTERDICT_GOAML_REPORTING_PERSON",
    "currency": "INTERDICT_GOAML_CURRENCY",
    "address": "INTERDICT_GOAML_ADDRESS",
    "city": "INTERDICT_GOAML_CITY",
    "country": "INTERDICT_GOAML_COUNTRY",
    "transmode_code": "INTERDICT_GOAML_TRANSMODE",
    "funds_code": "INTERDICT_GOAML_FUNDS_CODE",
    "indicators": "INTERDICT_GOAML_INDICATORS",
}


def _coerce(name: str, value: Any) -> Any:
    if name == "rentity_id":
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise InputError("goAML settings", "rentity_id", f"expected an integer, got {value!r}") from exc
    if name == "indicators":
        items = value.split(",") if isinstance(value, str) else list(value)
        return tuple(str(i).strip() for i in items if str(i).strip())
    return str(value)


def load(**overrides: Any) -> GoamlSettings:
    """Settings from the file, then the environment, then `overrides` (None: not given)."""
    values: dict[str, Any] = {}
    known = {f.name for f in fields(GoamlSettings)} - {"configured"}
    for name, value in _file_values().items():
        if name not in known:
            raise ConfigError(f"goAML settings: unknown setting {name!r} (known: {', '.join(sorted(known))})")
        values[name] = value
    for name, var in _ENV.items():
        if os.environ.get(var):
            values[name] = os.environ[var]
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = GoamlSettings(**{k: _coerce(k, v) for k, v in values.items()})
    return replace(settings, configured="rentity_id" in values).check()
