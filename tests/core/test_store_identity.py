"""Which stored message a fetched message is: its location first, then its content (the same
bytes, or the same Message-ID with the same body); never a Message-ID and a time alone. Also
the migration of a database written before the content key existed, and the recovery from one."""

from __future__ import annotations

import hashlib
import itertools
import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shenbao.intake.mime import header_message_id, parse_message
from shenbao.record import MessageLocation, RawMessage
from shenbao.store import Store, content_key, rebuild_from_blobs
from tests.builders.eml import attachment, mail, text_part
from tests.intake.file_builders import pdf_bytes

CST = timezone(timedelta(hours=8))
WHEN = datetime(2024, 4, 29, 10, 0, 5, tzinfo=CST)
FOXMAIL_ID = "<abc@example.com> (sent by Foxmail)"


def at(uid: int, uidvalidity: int = 1) -> MessageLocation:
    return MessageLocation(account="hnkxxhb@126.com", folder="INBOX", uidvalidity=uidvalidity, uid=uid)


def fetched(data: bytes, uid: int, *, when: datetime = WHEN, uidvalidity: int = 1) -> RawMessage:
    """A RawMessage as an intake source hands it over: the Message-ID read by intake."""
    return RawMessage(data=data, location=at(uid, uidvalidity), internaldate=when, message_id=header_message_id(data))


def application(body: str, message_id: str = "<reused@mobile.example.org>") -> bytes:
    return mail(subject="项目申报", message_id=message_id,
                parts=[text_part(body), attachment(pdf_bytes(), "申报书.pdf")])


def reserialised(raw: bytes) -> bytes:
    """What a server that re-serialises a message may hand back: a trace line on top, headers
    refolded, LF line ends; the body unchanged."""
    head, _, body = raw.partition(b"\r\n\r\n")
    head = b"Received: from mx.example.org; Mon, 29 Apr 2024 10:00:06 +0800\r\n" + head.replace(b": ", b":\r\n\t", 2)
    return (head + b"\r\n\r\n" + body).replace(b"\r\n", b"\n")


def blob_files(store: Store) -> set[str]:
    return {p.name for p in store.blob_dir.rglob("*") if p.is_file()}


def test_two_different_messages_with_one_message_id_and_one_receipt_time_are_two_messages(tmp_path: Path) -> None:
    first, second = application("第一版：申报书"), application("第二版：补充材料")
    with Store(tmp_path) as store:
        saved = store.save_messages([fetched(first, 1), fetched(second, 2)])
        assert [new for _, new in saved] == [True, True]
        assert sorted(store.read_blob(m.sha256) for m in store.messages()) == sorted([first, second])


def test_a_reserialised_copy_at_a_new_location_is_the_stored_message_and_leaves_no_blob(tmp_path: Path) -> None:
    raw = application("申报书见附件")
    copy = reserialised(raw)
    assert copy != raw and header_message_id(copy) == header_message_id(raw)
    with Store(tmp_path) as store:
        [(stored, _)] = store.save_messages([fetched(raw, 1)])
        blobs = blob_files(store)
        [(again, new)] = store.save_messages([fetched(copy, 1, uidvalidity=2, when=WHEN + timedelta(days=3))])
        assert not new and again == stored
        assert store.message_count() == 1 and store.known_uids("hnkxxhb@126.com", "INBOX", 2) == {1}
        assert blob_files(store) == blobs  # the copy's bytes are not kept with nothing referring to them


def test_a_reserialised_copy_in_the_same_batch_is_the_message_before_it(tmp_path: Path) -> None:
    raw = application("申报书见附件")
    with Store(tmp_path) as store:
        saved = store.save_messages([fetched(raw, 1), fetched(reserialised(raw), 2)])
        assert [new for _, new in saved] == [True, False] and saved[0][0] == saved[1][0]
        assert store.message_count() == 1 and store.known_uids("hnkxxhb@126.com", "INBOX", 1) == {1, 2}


def test_the_content_key_is_computed_only_once_a_message_id_comes_again(tmp_path: Path) -> None:
    """A first sync hashes each message once: the key waits for a second message with its
    Message-ID, and is then computed for both (the stored one from its bytes)."""
    first, other, second = application("第一版"), application("别人的", message_id="<x@example.org>"), \
        application("第二版")
    with Store(tmp_path) as store:
        store.save_messages([fetched(first, 1), fetched(other, 2)])
        keys = dict(store.db.execute("SELECT sha256, content_key FROM messages").fetchall())
        assert list(keys.values()) == [None, None]
        store.save_messages([fetched(second, 3)])
        keys = dict(store.db.execute("SELECT sha256, content_key FROM messages").fetchall())
        assert keys[hashlib.sha256(first).hexdigest()] == content_key(first, header_message_id(first))
        assert keys[hashlib.sha256(second).hexdigest()] == content_key(second, header_message_id(second))
        assert keys[hashlib.sha256(other).hexdigest()] is None
        [(again, new)] = store.save_messages([fetched(reserialised(first), 9, uidvalidity=2)])
        assert not new and again.sha256 == hashlib.sha256(first).hexdigest()


def test_the_same_body_under_another_message_id_is_another_message(tmp_path: Path) -> None:
    one = application("同一份申报书", message_id="<one@example.org>")
    other = one.replace(b"<one@example.org>", b"<two@example.org>")
    with Store(tmp_path) as store:
        assert [new for _, new in store.save_messages([fetched(one, 1), fetched(other, 2)])] == [True, True]


def test_a_known_location_is_that_message_whatever_bytes_come_with_it(tmp_path: Path) -> None:
    raw = application("申报书")
    with Store(tmp_path) as store:
        [(stored, _)] = store.save_messages([fetched(raw, 1)])
        blobs = blob_files(store)
        [(again, new)] = store.save_messages([fetched(application("别的内容"), 1)])
        assert not new and again == stored and store.message_count() == 1
        assert blob_files(store) == blobs


def test_the_store_keeps_the_message_id_intake_read_and_reads_no_mail_itself(tmp_path: Path) -> None:
    raw = application("申报书", message_id=FOXMAIL_ID)
    with Store(tmp_path) as store:
        [(stored, _)] = store.save_messages([fetched(raw, 1)])
        assert stored.message_id == parse_message(raw).message_id == "<abc@example.com>"
        [(bare, _)] = store.save_messages([RawMessage(data=application("另一封"), location=at(2), internaldate=WHEN)])
        assert bare.message_id is None  # nothing read from the bytes: intake did not say


def test_reply_states_are_kept_by_the_store(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.record_reply("k1", "v1", "sending", "a@example.org")
        store.record_reply("k1", "v1", "sent", "a@example.org")
        store.record_reply("k2", "v2", "failed", "地址无效")
        assert store.reply_states() == {("k1", "v1"): ("sent", "a@example.org"), ("k2", "v2"): ("failed", "地址无效")}
        assert store.reply_counts() == {"sent": 1, "failed": 1}
    with Store(tmp_path) as store:
        assert store.reply_states()[("k2", "v2")].detail == "地址无效"
        assert store.integrity_problems() == [] and store.dangling_locations() == 0


# --------------------------------------------------------------------------- the content key

def normalised_content_key(data: bytes, message_id: str | None) -> str | None:
    """The reference: content_key as first written, normalising every line end of the whole
    message before looking for the body. The store's version finds the body in the raw bytes;
    stored keys (and the copies they recognise) depend on the two agreeing byte for byte."""
    if not message_id:
        return None
    text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    end = text.find(b"\n\n")
    body = b"" if end < 0 else text[end + 2:].rstrip(b"\n")
    if not body.strip():
        return None
    digest = hashlib.sha256(message_id.encode("utf-8", "surrogateescape"))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


LINE_ENDS = (b"\r\n", b"\n", b"\r")
# Line contents chosen to sit next to line ends: empty, every ASCII whitespace byte, text,
# GBK and UTF-8 bytes, a CR or LF inside a line, a header line.
LINE_TEXTS = (b"", b" ", b"\t", b"\x0b", b"\x0c", b" \t ", b"x", b"a b", "申报书".encode("gbk"),
              "项目申报".encode(), b"a\rb", b"\r", b"\n", b"\r\r", b"\n\r", b"Subject: x", b"--boundary")


def generated_message(rng: random.Random) -> bytes:
    """A message from headers, a separator or none, a body and trailing blank lines, with line
    ends all CRLF, all LF, all lone CR, or mixed line by line."""
    style = rng.choice(("crlf", "lf", "cr", "mixed"))

    def end() -> bytes:
        return rng.choice(LINE_ENDS) if style == "mixed" else {"crlf": b"\r\n", "lf": b"\n", "cr": b"\r"}[style]

    headers = [rng.choice((b"From: a@example.org", b"Subject: x", b"X-Empty:", b" folded", b"Message-ID: <m@x>"))
               for _ in range(rng.randint(0, 4))]
    body = [rng.choice(LINE_TEXTS) for _ in range(rng.randint(0, 6))]
    out = b"".join(h + end() for h in headers)
    if rng.random() < 0.85:
        out += end()  # the separator; without it, a body can still hold a blank line or none
    out += b"".join(line + end() for line in body)
    if body and rng.random() < 0.3:
        out = out[:-1]  # the last line without (part of) its line end
    out += b"".join(rng.choice((b"", b" ", b"\t")) + end() for _ in range(rng.randint(0, 3)))
    return out


def test_the_content_key_is_the_hash_of_the_normalised_body_for_every_line_end_a_message_can_have() -> None:
    # Every byte string up to 7 bytes long from line-end, space and text bytes: each way two
    # line ends can meet (CR LF, LF CR, CR CR LF, CR at the end…).
    alphabet = (b"\r", b"\n", b" ", b"a")
    short = [b"".join(t) for n in range(8) for t in itertools.product(alphabet, repeat=n)]
    rng = random.Random(20240418)
    generated = [generated_message(rng) for _ in range(20000)]
    whitespace_only = [b"Subject: x\r\n\r\n" + rng.choice((b" ", b"\t", b"\x0b", b"\x0c", b"\r", b"\n")) * n
                       for n in range(1, 10) for _ in range(20)]
    cases = short + generated + whitespace_only
    for data in cases:
        for mid in ("<m@example.org>", None, ""):
            assert content_key(data, mid) == normalised_content_key(data, mid), (data, mid)
    # Both outcomes are common: a body to hash, and none (no blank line, or a blank body).
    keyed = sum(1 for d in cases if normalised_content_key(d, "<m>") is not None)
    assert keyed > 10000 and len(cases) - keyed > 10000


def test_the_content_key_of_real_messages_is_the_hash_of_their_normalised_bodies() -> None:
    raws = [application("申报书见附件"), application("第二版：补充材料", message_id=FOXMAIL_ID),
            mail(subject="项目申报", parts=[text_part("你好，申报书见附件。\n\n\n")]),
            mail(subject="无正文", body=b"")]
    for raw in raws:
        mid = header_message_id(raw)
        copies = [raw, reserialised(raw), raw.replace(b"\r\n", b"\n"), raw.replace(b"\r\n", b"\r"),
                  raw + b"\r\n\r\n\r\n", raw.replace(b"\r\n", b"\n", 5)]
        for copy in copies:
            assert content_key(copy, mid) == normalised_content_key(copy, mid), copy[:200]
    # A body of whitespace alone is no body; a copy with other line ends is the same body.
    assert content_key(raws[3], header_message_id(raws[3])) is None
    assert content_key(raws[0], "<m>") == content_key(raws[0].replace(b"\r\n", b"\n"), "<m>") is not None


# --------------------------------------------------------------------------- earlier databases

# The messages table as the version before the content key wrote it (schema version 0): a
# database file of that version is the artefact these tests start from.
VERSION_0_MESSAGES = """
CREATE TABLE messages (
    sha256 TEXT PRIMARY KEY, message_id TEXT, internaldate TEXT NOT NULL, size INTEGER NOT NULL,
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    stored_at TEXT NOT NULL);
CREATE INDEX messages_by_mid ON messages(message_id);
CREATE TABLE locations (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES messages(sha256), server_action_done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, folder, uidvalidity, uid));
"""


def version_0_data_dir(root: Path, raw: bytes) -> Path:
    """A data directory written by the previous version: one message, its blob, and the
    Message-ID that version's own header reader stored (the Foxmail comment kept)."""
    sha = hashlib.sha256(raw).hexdigest()
    (root / "blobs" / sha[:2]).mkdir(parents=True)
    (root / "blobs" / sha[:2] / sha).write_bytes(raw)
    with sqlite3.connect(root / "shenbao.sqlite3") as db:
        db.executescript(VERSION_0_MESSAGES)
        db.execute("INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?)",
                   (sha, FOXMAIL_ID, WHEN.isoformat(), len(raw), "hnkxxhb@126.com", "INBOX", 1, 1, WHEN.isoformat()))
        db.execute("INSERT INTO locations(account, folder, uidvalidity, uid, sha256) VALUES (?,?,?,?,?)",
                   ("hnkxxhb@126.com", "INBOX", 1, 1, sha))
    db.close()
    return root


def test_an_earlier_database_gets_content_keys_and_the_parsers_message_ids_when_opened(tmp_path: Path) -> None:
    raw = application("申报书见附件", message_id=FOXMAIL_ID)
    data_dir = version_0_data_dir(tmp_path / "data", raw)
    with Store(data_dir) as store:
        (msg,) = store.messages()
        assert msg.message_id == "<abc@example.com>"
        # The content key was filled in: the server's re-serialised copy after a UIDVALIDITY change is recognised.
        [(_, new)] = store.save_messages([fetched(reserialised(raw), 5, uidvalidity=2)])
        assert not new
    with Store(data_dir) as store:  # opened again: nothing left to migrate, nothing changed
        assert [(m.sha256, m.message_id) for m in store.messages()] == [(msg.sha256, "<abc@example.com>")]
        assert store.message_count() == 1 and store.integrity_problems() == []


def test_a_damaged_earlier_database_is_rebuilt_with_its_rows_and_content_keys(tmp_path: Path) -> None:
    raw = application("申报书见附件", message_id=FOXMAIL_ID)
    data_dir = version_0_data_dir(tmp_path / "data", raw)
    counts = rebuild_from_blobs(data_dir)
    assert counts["messages"] == 1 and counts["locations"] == 1 and counts["from_blobs"] == 0
    with Store(data_dir) as store:
        (msg,) = store.messages()
        assert msg.message_id == "<abc@example.com>" and msg.location == at(1)
        [(_, new)] = store.save_messages([fetched(reserialised(raw), 5, uidvalidity=2)])
        assert not new and store.message_count() == 1
