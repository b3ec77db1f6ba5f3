"""The learned ranker: gradient-boosted trees (LightGBM) over the per-transfer features and the
typology detectors' outputs, trained and evaluated on a temporal split that keeps laundering
attempts whole, and a versioned store of the model files.

`split.py` (the temporal split), `detector_features.py` (the detectors' alerts as columns),
`model.py` (train, score, the model file), `evaluate.py` (F1, precision, recall, per-family recall),
`store.py` (the model versions in DuckDB).
"""

import os

# LightGBM's OpenMP threads spin while they wait; on a busy 2-core machine (other processes holding
# the cores) that turned 12 s of training into 185 s. Passive waiting yields the core instead; it
# must be set before LightGBM loads its runtime, hence here, and only if the user has not chosen.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
