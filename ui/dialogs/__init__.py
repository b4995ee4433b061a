"""Dialogs. Each exposes a classmethod entry point (``SomeDialog.ask(parent, …)``) that tests patch."""
