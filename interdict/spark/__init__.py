"""The Spark backend: the same screening and graph functions run inside Spark partitions.

Nothing here re-implements an engine. Batch screening ships the screening index (its on-disk
cache file) to the executors and calls `interdict.screening.engine.screen` in `mapPartitions`;
graph building produces the very CSR arrays `interdict.tracing.graph.FlowGraph` walks, as files the
embedded engine memory-maps. pyspark is an optional extra (`interdict[spark]`) and needs a Java
runtime; `session.require_spark()` says what to install when either is missing. Only this package
imports pyspark.
"""
