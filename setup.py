"""The optional compiled build: the screening engine's per-name modules compiled with mypyc.

`INTERDICT_COMPILE=1 pip install .` compiles them to C extensions (the screening answers stay the
same, byte for byte; `tests/screening/test_compiled_build.py` builds the wheel and checks that);
without the variable the package installs as plain Python, which is what the README's commands and
every editable checkout use. mypyc rather than a hand port: the modules are already mypy --strict
clean, so they compile unchanged and stay one source (black and mypy ship the same way); a hand
port to Cython or C would be a second matcher to keep in step with the first.

Everything else is in pyproject.toml; setuptools reads both.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

COMPILE = os.environ.get("INTERDICT_COMPILE") == "1"
# Left as Python, each for a reason: index.py (mypyc cannot compile its classmethod constructor);
# what crosses to another process by pickle, which mypyc's classes do not all survive (a frozen
# dataclass cannot be unpickled): records.py (the index's containers, shipped to Spark), batch.py
# (the worker pool's functions), batch_input.py and pairs_input.py (rows shipped to Spark's
# workers); and modules that run once per load or file, not per name.
NOT_COMPILED = {"__init__.py", "index.py", "records.py", "batch.py", "batch_input.py", "pairs_input.py",
                "loader.py", "state.py", "threshold.py"}


def compiled_modules() -> list[str]:
    """The screening modules to compile: every one but those above, so a new module is compiled too."""
    here = Path(__file__).parent / "interdict" / "screening"
    return sorted(f"interdict/screening/{p.name}" for p in here.glob("*.py") if p.name not in NOT_COMPILED)


def ext_modules() -> list[object]:
    if not COMPILE:
        return []
    from mypyc.build import mypycify  # only in the compiled build's isolated environment

    return list(mypycify(compiled_modules(), opt_level="3", group_name="interdict_screening"))


setup(ext_modules=ext_modules())
