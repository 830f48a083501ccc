"""Everything that changes a note: line edits, planned changes, the weekly note, git."""
