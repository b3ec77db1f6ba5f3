"""Continuous screening of a customer base: the subjects a bank screens every day.

- `model`: a subject (a customer or counterparty) and the query it screens as;
- `readers`: subject files (CSV, JSON lines, Parquet) with explicit removals;
- `delta`: what changed on the lists since a subject was last screened, and a screening index of
  just those entries;
- `probes`: each subject's tokens and their probe hashes, made when subjects load;
- `reach`: which stored tokens reach the delta's records, and how, as arrays (pure);
- `prefilter`: the subjects a delta could match at all, bounded on those arrays (pure);
- `parts`: the probes and name parts in integer-keyed tables, read by the pre-filter;
- `rescreen`: which hits are new and which stand no longer (pure functions);
- `store`: the base in the embedded store, with the list versions each subject last saw.
"""
