"""Tracing: ledger sources (`sources/`), graph engines, taint policies (`policies/`), UTXO heuristics
(`heuristics/`) and reports (`reports/`); DuckDB only in `store`."""
