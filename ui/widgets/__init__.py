"""Reusable widgets: search box, form error display, message/file dialogs."""
