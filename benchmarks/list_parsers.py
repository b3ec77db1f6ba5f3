"""Parse time and peak memory of each official-list parser on the shared real files.

Run: `.venv/bin/python benchmarks/list_parsers.py` (each parser in a fresh process, so the peak RSS
is that parser's own). Prints one line per file: entries, wall and CPU seconds (all threads), peak
RSS in MiB. Wall time depends on what else runs on the machine; CPU time much less.
"""

from __future__ import annotations

import importlib
import resource
import subprocess
import sys
import time
from pathlib import Path

from interdict.core import config

CASES = (
    ("un", "lists/un/consolidated.xml"),
    ("ofac_advanced", "lists/ofac/sdn_advanced_2025-11/sdn_advanced.xml.bz2"),
    ("ofac_csv", "lists/ofac/sdn_csv_2021-07"),
    ("ofac_xml", "lists/ofac/consolidated.xml"),
)


def run_one(module_name: str, path: Path) -> str:
    """Parse one file in this process; a result line."""
    module = importlib.import_module(f"interdict.lists.formats.{module_name}")
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = module.parse(path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    entries = len(parsed.entities)
    timing = f"{seconds:6.2f} s wall {cpu:6.2f} s CPU"
    return f"{module.FORMAT:<18} {entries:>7,} entries {timing}  peak RSS {peak_mib:6.0f} MiB"


def main() -> None:
    """Run every case in a child process and print its line."""
    if len(sys.argv) == 3:
        print(run_one(sys.argv[1], Path(sys.argv[2])))
        return
    shared = config.shared_data_dir()
    if shared is None:
        sys.exit("../shared/data is not present")
    for module_name, rel in CASES:
        out = subprocess.run(
            [sys.executable, __file__, module_name, str(shared / rel)],
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"{out.stdout.strip()}   {rel}")


if __name__ == "__main__":
    main()
