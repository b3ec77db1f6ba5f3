"""The build backend: setuptools', plus mypy (for mypyc) when the compiled build is asked for.

setuptools' documented way to add build requirements that depend on the build ("Dynamic build
dependencies and other build_meta tweaks"): an in-tree backend that wraps `setuptools.build_meta`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F403  (the backend's other hooks, unchanged)

MYPYC = ["mypy>=1.10"]
FLAG = "INTERDICT_COMPILE"


def _compiled() -> bool:
    return os.environ.get(FLAG) == "1"


@contextmanager
def _plain() -> Iterator[None]:
    """setup.py run as for the plain build: asking for requirements or metadata needs no compiler
    (and mypyc is not installed yet when the requirements are asked for)."""
    flag = os.environ.pop(FLAG, None)
    try:
        yield
    finally:
        if flag is not None:
            os.environ[FLAG] = flag


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    compiled = _compiled()
    with _plain():
        plain = _orig.get_requires_for_build_wheel(config_settings)
    return [*plain, *(MYPYC if compiled else [])]


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: dict[str, Any] | None = None) -> str:
    with _plain():
        return _orig.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def build_wheel(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                metadata_directory: str | None = None) -> str:
    # setuptools packs whatever build/lib holds: an extension left there by an earlier compiled
    # build would ship in this wheel and be imported instead of the sources it no longer matches.
    shutil.rmtree("build", ignore_errors=True)
    return _orig.build_wheel(wheel_directory, config_settings, metadata_directory)


def _no_compiled_editable() -> None:
    if _compiled():
        # The extensions would land beside the sources and be imported instead of them: an edit to
        # a compiled module would silently not run.
        raise RuntimeError(f"{FLAG}=1 builds an installed package (pip install .), not an editable "
                           "checkout (pip install -e .): unset it for -e")


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    _no_compiled_editable()
    return _orig.get_requires_for_build_editable(config_settings)


def prepare_metadata_for_build_editable(metadata_directory: str,
                                        config_settings: dict[str, Any] | None = None) -> str:
    _no_compiled_editable()
    return _orig.prepare_metadata_for_build_editable(metadata_directory, config_settings)


def build_editable(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                   metadata_directory: str | None = None) -> str:
    _no_compiled_editable()
    return _orig.build_editable(wheel_directory, config_settings, metadata_directory)
