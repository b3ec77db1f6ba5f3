"""The payments store's tables other than the decisions (`payments/store.py`): the allow list and
the controls' state source."""
