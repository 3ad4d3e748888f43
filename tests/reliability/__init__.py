"""Reliability and safety: concurrency, crashes, bad files, hostile input, upgrades (issue 8)."""
