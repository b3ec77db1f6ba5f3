"""OpenSanctions' nomenklatura matchers (`logic-v1`, `logic-v2`) on the same entries and queries.

nomenklatura compares one query entity with one listed entity; it has no index of its own (yente
puts Elasticsearch in front of it). So, to be explicit about what is measured:

- **latency**: the time of one comparison, measured on a sample of queries × a sample of entries,
  multiplied by the number of entries (a query compared with every entry, as the issue describes);
- **quality**: each query is compared with a *candidate pool*: its expected entries (so recall is
  exactly what comparing with every entry would give), our engine's candidates ≥ 0.50, and the 20
  entries whose names are closest by rapidfuzz `token_sort_ratio`. The false-positive rate measured
  this way is a lower bound of the brute-force one (entries outside the pool are not compared).
"""

from __future__ import annotations

import itertools
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from anyascii import anyascii
from followthemoney import model
from nomenklatura.matching import get_algorithm
from rapidfuzz import fuzz, process
from screening_eval import Labelled, Outcome

from interdict.core.entity import Entity, EntityKind, IdentifierType, NameQuality
from interdict.core.match import Query

SCHEMAS = {EntityKind.PERSON: "Person", EntityKind.ORGANIZATION: "Organization",
           EntityKind.VESSEL: "Vessel", EntityKind.AIRCRAFT: "Airplane"}
ID_PROPS = {IdentifierType.PASSPORT: "passportNumber", IdentifierType.NATIONAL_ID: "idNumber",
            IdentifierType.BIC: "swiftBic", IdentifierType.IMO: "imoNumber",
            IdentifierType.REGISTRATION: "registrationNumber", IdentifierType.TAX_ID: "innCode"}
YENTE_THRESHOLD = 0.70  # yente's default match threshold (yente/settings.py SCORE_THRESHOLD)
POOL_FUZZY = 20


def entity_proxy(entity: Entity) -> Any:
    """A FollowTheMoney proxy of one listed entry, with the properties the matchers read."""
    proxy = model.make_entity(SCHEMAS.get(entity.kind, "LegalEntity"))
    proxy.id = entity.key
    for name in entity.names:
        prop = "weakAlias" if name.quality == NameQuality.WEAK else "name"
        proxy.add(prop, name.full, quiet=True)
    for dob in entity.birth_dates:
        proxy.add("birthDate", dob, quiet=True)
    for country in entity.nationalities:
        proxy.add("nationality", country, quiet=True)
    for address in entity.addresses:
        if address.country:
            proxy.add("country", address.country, quiet=True)
    for ident in entity.identifiers:
        if ident.type in ID_PROPS:
            proxy.add(ID_PROPS[ident.type], ident.value, quiet=True)
    return proxy


_QUERY_IDS = itertools.count(1)


def query_proxy(query: Query) -> Any:
    """The query as a FollowTheMoney entity (LegalEntity when the kind is not given)."""
    proxy = model.make_entity(SCHEMAS.get(query.kind, "LegalEntity") if query.kind else "LegalEntity")
    # A fresh id each time: logic-v2 caches its analysis of an entity's names by entity id.
    proxy.id = f"query-{next(_QUERY_IDS)}"
    proxy.add("name", query.name, quiet=True)
    if query.dob:
        proxy.add("birthDate", query.dob, quiet=True)
    if query.country:
        proxy.add("country" if proxy.schema.name != "Person" else "nationality", query.country, quiet=True)
    return proxy


class Pools:
    """Candidate pools per query: expected entries, our candidates and the closest names by rapidfuzz."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.keys: list[str] = []
        self.strings: list[str] = []
        for e in entities:
            for n in e.names:
                self.keys.append(e.key)
                self.strings.append(_plain(n.full))

    def pool(self, row: Labelled, ours: Outcome) -> set[str]:
        """The entry keys one query is compared with."""
        keys = set(row.expected) | {k for k, _ in ours}
        hits = process.extract(_plain(row.query.name), self.strings, scorer=fuzz.token_sort_ratio,
                               limit=POOL_FUZZY * 3)
        fuzzy: set[str] = set()
        for _, _, i in hits:
            if len(fuzzy) < POOL_FUZZY:
                fuzzy.add(self.keys[i])
        return keys | fuzzy


def _plain(text: str) -> str:
    return " ".join(anyascii(text).lower().split())


Compare = Callable[[Any, Any], float]


def comparer(name: str) -> Compare:
    """The score function of one nomenklatura algorithm with its default configuration."""
    algorithm = get_algorithm(name)
    if algorithm is None:
        raise SystemExit(f"nomenklatura has no algorithm {name!r}")
    config = algorithm.default_config()
    return lambda q, r: float(algorithm.compare(q, r, config).score)


def outcomes(compare: Compare, rows: Sequence[Labelled], pools: Sequence[set[str]],
             proxies: dict[str, Any]) -> list[Outcome]:
    """Each row's pool scored by one matcher (key, score), best first."""
    out = []
    for row, pool in zip(rows, pools, strict=True):
        q = query_proxy(row.query)
        scored = [(key, compare(q, proxies[key])) for key in pool if key in proxies]
        out.append(sorted(scored, key=lambda ks: -ks[1]))
    return out


def compare_latency(compare: Compare, rows: Sequence[Labelled], proxies: dict[str, Any],
                    n_queries: int = 100, n_entries: int = 100, seed: int = 7) -> list[float]:
    """CPU seconds per comparison for each of n_queries sampled queries (each against n_entries entries)."""
    rng = random.Random(seed)
    entries = rng.sample(sorted(proxies), n_entries)
    warm = query_proxy(rows[0].query)
    for key in entries:  # first calls load the matchers' data tables
        compare(warm, proxies[key])
    per_compare = []
    for row in rng.sample(list(rows), n_queries):
        q = query_proxy(row.query)
        start = time.process_time()
        for key in entries:
            compare(q, proxies[key])
        per_compare.append((time.process_time() - start) / n_entries)
    return per_compare


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by the inclusive method."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
