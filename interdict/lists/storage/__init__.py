"""The list store's tables beyond the versions and entries (kept in `lists/store.py`)."""
