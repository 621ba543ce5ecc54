"""Typed errors for bad input, kept apart from bugs.

An extractor raises one of these when the *file* is the problem; the flow
records it against that file (parse_status=failed, error=str(exc)) and goes on.
Anything else escaping an extractor is a bug in this project and is recorded
too, but with its type name so it can be told apart.
"""


class ExtractionError(Exception):
    """The file could not be read; the message is meant for a researcher."""


class EmptyFile(ExtractionError):
    pass


class EncryptedFile(ExtractionError):
    pass


class CorruptFile(ExtractionError):
    pass


class LimitExceeded(ExtractionError):
    """A configured safety limit (size, pages, rows, inflation, time) was hit."""

    def __init__(self, limit: str, message: str):
        super().__init__(f"{message} (limit {limit})")
        self.limit = limit


class UnknownFormat(ExtractionError):
    pass
