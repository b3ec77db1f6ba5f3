"""Payments: SWIFT MT and ISO 20022 in, every party and free text screened, controls, decisions.

    items = read_bytes(data, "file.fin")            # reader.py: MT and ISO mixed, XSD-validated
    pipeline = open_pipeline(conn, index, policy)   # pipeline.py: the active list versions of `conn`
    for outcome in pipeline.run(items):             # decided once per list versions, stored
        print(outcome.decision.decision, outcome.decision.reasons, outcome.decision.list_versions)

Parsers: mt.py / mt_fields.py / mt_map.py (FIN), iso20022.py / iso_map.py / iso_texts.py (XML,
with data/xsd/); versions.py (the list versions a decision was made against); controls/ (the
behavioural controls); decisions.py (policy -> release / hold / reject); store.py (DuckDB);
policy.py (YAML / TOML policy files). User documentation: docs/payments.md.
"""
