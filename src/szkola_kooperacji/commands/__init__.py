"""Subcommands of ``szkola``; each module parses its options, calls the core and prints."""
