"""Widgets shared by the screens: the tag picker, the quick fields, the filter bar."""
