"""The Textual app for Service Journal: quick capture, browse and search, entry detail.

Nothing in ``journal`` imports this package; the CLI launches it lazily through ``tui.launch.run``.
"""
