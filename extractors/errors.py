"""Errors raised by format readers.

A problem in a document is not a bug: readers raise UnreadableFile with a Chinese reason,
and the pipeline turns it into an UNREADABLE_FILE finding naming the file.
"""


class UnreadableFile(Exception):
    """Raised when a file cannot be read. `reason` is Chinese, shown to office staff."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
