"""Errors of the core: configuration problems and conditions that stop a poll.

Problems in documents are findings, not exceptions; these are for the admin.
"""


class SettingsError(Exception):
    """Raised when the settings file cannot be used. `problems` holds one Chinese line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class MailboxConfigError(Exception):
    """The mailbox refused us for a reason only the admin can fix (wrong 授权码, IMAP off,
    "Unsafe Login", wrong folder). Never retried in a loop. `message` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MailboxUnavailable(Exception):
    """A transient failure (connection dropped, timeout, server error): the next poll retries."""


class LockHeld(Exception):
    """Another shenbao process holds the data directory. `holder` describes it."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder
