"""One module per group of CLI commands; each function takes the parsed arguments, returns the
exit code and imports what it needs when it runs."""
