"""The refusals notekit raises, in one place. Problems found in notes are never raised: they are
values (`notekit.core.model.Problem`) with a path and a line. What is raised is a refusal to go
on that the command turns into a message and an exit code."""

from __future__ import annotations


class ConfigError(Exception):
    """The config file is unusable; the message names the file and the key."""


class EditError(Exception):
    """The note cannot be edited safely; nothing was written. The message says why."""


class ConflictError(EditError):
    """The file changed between reading and writing; nothing was written."""


class SiteError(Exception):
    """The output folder cannot take the site; the message says why. Nothing was written."""


class SourceError(Exception):
    """A file to import cannot be read as it is (too large, protected by a password, not in
    the encoding it claims); nothing was written. The message says what to do."""
