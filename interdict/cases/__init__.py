"""Alerts become cases that people review and decide, with roles, four-eyes release and an audit trail."""
