"""Handlers of the headless commands; ``gridapp.cli`` parses the options and calls them."""
