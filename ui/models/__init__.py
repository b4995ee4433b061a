"""Qt item models over service calls."""
