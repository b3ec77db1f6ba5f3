"""Script detection for original-script names."""

from __future__ import annotations

import pytest

from interdict.lists.script import detect_script


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Park Jin Hyok", None),
        ("José García-Ñúñez", None),
        ("박진혁", "Hangul"),
        ("朴 진혁", "Hangul"),  # Hanja mixed into Korean is still Korean
        ("صدام حسين التكريتي", "Arabic"),
        ("Владимир Путин", "Cyrillic"),
        ("金正恩", "Han"),
        ("やまだ 太郎", "Japanese"),
        ("Ελλάδα", "Greek"),
        ("Roman text with one 박", None),  # a stray letter does not make a name Korean
        ("", None),
    ],
)
def test_detect_script(text: str, script: str | None) -> None:
    assert detect_script(text) == script
