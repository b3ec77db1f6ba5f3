"""Readers of laundering-typology data into a `TransferTable`: AMLSim (current and old output),
IBM AMLworld (`*_Trans.csv` and the HI-Small patterns CSV) and the generic transfer CSV/Parquet.

`recognise.read_paths` picks the reader (`--format auto`). Every reader checks the whole file and
raises `TransferFormatError` naming the file and line of the first bad row.
"""
