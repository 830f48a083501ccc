"""The core: plain values, dates and the note syntax. No I/O and nothing printed; `today`
is always an argument."""
