"""Laundering typologies on transfer graphs: readers, detectors, a learned ranker and their alerts.

The room builds on tracing's dense-id, CSR-array graph (`interdict.tracing.graph.csr`): a detector is a
function over the arrays of `TransferTable` (source, target, amount, time), so the same code can run
inside a Spark partition.
"""
