"""Marking user-visible labels in the core without importing Qt.

``QT_TRANSLATE_NOOP("Context", "Source text")`` returns the source text unchanged; the
``pyside6-lupdate`` tool finds these calls, and the UI translates them at display time
with ``QCoreApplication.translate(context, text)``.
"""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text
