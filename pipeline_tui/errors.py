"""Errors a user can meet and act on. The CLI prints their message, never a traceback."""


class PipelineError(Exception):
    """A problem with the user's input or environment, worded for the user."""

    exit_code = 1


class NotFound(PipelineError):
    """Something named by the user does not exist."""


class InvalidInput(PipelineError):
    """A value the user typed is not acceptable; the message says why."""

    exit_code = 2


class DatabaseError(PipelineError):
    """The database cannot be opened, is locked, or is newer than this program."""

    exit_code = 3


class Ambiguous(PipelineError):
    """A name the user typed designates several records; the message lists them."""
