"""The refusals notekit raises, in one place. Problems found in notes are never raised: they are
values (`notekit.core.model.Problem`) with a path and a line. What is raised is a Refusal to go
on, with its message and exit status; the command line turns it into `notekit: error: …` and
that status in one place (cli.py), whichever layer raised it."""

from __future__ import annotations

USAGE = 2  # exit status: the command cannot do what was asked
PROBLEMS = 1  # exit status: it ran, and found something to tell (too little to draft, …)


class Refusal(Exception):
    """Nothing was done, or nothing more; the message says why and what to do."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code


class ConfigError(Refusal):
    """The config file is unusable; the message names the file and the key."""


class EditError(Refusal):
    """The note cannot be edited safely; nothing was written. The message says why."""


class ConflictError(EditError):
    """The file changed between reading and writing; nothing was written."""

    def __init__(self, message: str, code: int = PROBLEMS) -> None:
        super().__init__(message, code)


class SiteError(Refusal):
    """The output folder cannot take the site; the message says why. Nothing was written."""


class SourceError(Refusal):
    """A file to import cannot be read as it is (too large, protected by a password, not in
    the encoding it claims, not the export it should be); nothing was written. The message
    says what to do."""


class GitError(Refusal):
    """git is missing, or the vault is in no repository: `notekit git` cannot set it up."""
