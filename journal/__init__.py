"""Service Journal core: domain, storage, review, export and the command line."""

__version__ = "0.1.0"
