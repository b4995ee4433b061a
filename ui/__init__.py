"""ui — the PySide6 desktop client of 网格通.

It calls ``gridapp.services`` and receives plain rows (frozen dataclasses). It never imports
peewee or ``gridapp.models``; tests/core/test_layering.py enforces this.
"""
