"""Starting Spark: checking that pyspark and Java are there, and one configured SparkSession."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from interdict.core.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

INSTALL_PYSPARK = "pip install 'interdict[spark]' (pyspark)"
INSTALL_JAVA = "apt-get install openjdk-17-jre-headless (or set JAVA_HOME to a Java 17+ runtime)"
LOCAL_HOST = "127.0.0.1"


def java_binary() -> Path | None:
    """The Java runtime Spark will start: `$JAVA_HOME/bin/java`, else `java` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return Path(home) / "bin" / "java"
    found = shutil.which("java")
    return Path(found) if found else None


def missing() -> list[str]:
    """What `--engine spark` lacks on this machine, each with how to install it (empty: ready)."""
    out = []
    if importlib.util.find_spec("pyspark") is None:
        out.append(f"pyspark is not installed: {INSTALL_PYSPARK}")
    if java_binary() is None:
        out.append(f"no Java runtime found: {INSTALL_JAVA}")
    return out


def require_spark() -> None:
    """Raise a ConfigError naming what to install unless pyspark and Java are both present."""
    lacking = missing()
    if lacking:
        raise ConfigError("--engine spark needs pyspark and a Java runtime; " + "; ".join(lacking))


def is_local(master: str) -> bool:
    """Whether the master runs everything in this process's machine (`local`, `local[N]`, `local[*]`)."""
    return master == "local" or master.startswith("local[")


def session(master: str = "local[2]", app: str = "interdict", partitions: int | None = None,
            driver_memory: str | None = None) -> SparkSession:
    """A SparkSession on `master` (the active one if it already exists).

    In local mode the driver binds to 127.0.0.1 and the web UI is off: a batch run on a laptop or a
    test opens no port to the network.
    """
    require_spark()
    from pyspark.sql import SparkSession

    if is_local(master):
        # Local Python workers must run this interpreter (with interdict and numpy), not whatever
        # `python3` the PATH finds first; a cluster sets its own (`spark.pyspark.python`).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    builder = SparkSession.builder.master(master).appName(app)
    if is_local(master):
        builder = (builder.config("spark.driver.host", LOCAL_HOST)
                   .config("spark.driver.bindAddress", LOCAL_HOST)
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false"))
    # Times without a zone are UTC, as the embedded transfer reader reads them.
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    if driver_memory:  # in local mode the executors live in the driver's JVM: this is their memory too
        builder = builder.config("spark.driver.memory", driver_memory)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
