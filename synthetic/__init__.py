"""Synthetic data generators for tests and benchmarks; not part of the product."""
