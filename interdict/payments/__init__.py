"""Payments: SWIFT MT and ISO 20022 in, every party and free text screened, controls, decisions.

    items = read_bytes(data, "file.fin", SchemaSet(xsd_folder))        # reader.py: MT and ISO mixed
    screener = PaymentScreener(index, policy.screening, allow_list)    # screen.py
    for outcome in PaymentPipeline(conn, screener, policy).run(items): # pipeline.py: decided once, stored
        print(outcome.decision.decision, outcome.decision.reasons)

Parsers: mt.py / mt_fields.py / mt_map.py (FIN), iso20022.py / iso_map.py (XML); controls/ (the
behavioural controls); decisions.py (policy -> release / hold / reject); store.py (DuckDB);
policy.py (YAML / TOML policy files). User documentation: docs/payments.md.
"""
