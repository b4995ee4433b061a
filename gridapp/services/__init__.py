"""Use cases of the core. Every function takes the acting user (``Actor``) first, checks what that
user may do, filters by the user's scope, writes audit rows, and returns frozen dataclasses."""
