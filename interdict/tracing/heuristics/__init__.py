"""Named heuristics over a ledger graph; `utxo` holds those that need the UTXO transaction graph."""
