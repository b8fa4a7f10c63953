"""Settings files the tests write for a local Maildir workspace (see also
tests.support.dovecot.imap_settings_toml for one that points at the test Dovecot)."""

MAILDIR_SETTINGS_TOML = """\
[source]
kind = "maildir"
path = "maildir"

[mailbox]
username = "hnkxxhb@126.com"
password_env = "SHENBAO_TEST_SMTP_PASSWORD"

[paths]
data_dir = "data"
output_dir = "output"

[deadlines]
electronic = "2024-04-30T17:00:00+08:00"
paper = "2024-04-30"
"""
