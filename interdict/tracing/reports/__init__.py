"""Tracing results as plain JSON-ready structures, text and self-contained HTML/SVG pictures."""
