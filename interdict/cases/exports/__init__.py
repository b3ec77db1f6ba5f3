"""A case exported for others: goAML XML (a suspicious-transaction report), STIX 2.1, FollowTheMoney."""

from __future__ import annotations

from interdict.cases.exports.ftm import case_ftm
from interdict.cases.exports.goaml import case_goaml
from interdict.cases.exports.stix import case_stix

FORMATS = {"goaml": "application/xml", "stix": "application/json", "ftm": "application/x-ndjson"}

__all__ = ["FORMATS", "case_ftm", "case_goaml", "case_stix"]
