"""Reading the vault: its files, config, front-matter, note parsing and fields. Imports only
the core."""
