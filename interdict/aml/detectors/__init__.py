"""Laundering typology detectors: one module per typology, each a pure function
`detect(table: TransferTable, params: <Typology>Params) -> list[TypologyAlert]` over the columns of a
`TransferTable`, registered by name in `registry.DETECTORS` with its parameters documented.
"""
