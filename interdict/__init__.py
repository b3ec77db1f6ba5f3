"""Interdict: stop stolen and sanctioned money at the wire, and follow it when it has moved."""

__version__ = "0.1.0"
