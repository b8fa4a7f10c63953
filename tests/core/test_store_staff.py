"""The store keeps staff's words and what each register sheet held; a database from before
they were kept opens with both, empty."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shenbao.staff_input import CHECK, NOTE, StaffWord
from shenbao.store import SCHEMA_VERSION, Store, rebuild_from_blobs

CST = timezone(timedelta(hours=8))
AT = datetime(2024, 5, 2, 9, 0, tzinfo=CST)


def test_a_database_from_before_staff_words_gains_them_empty(tmp_path: Path) -> None:
    Store(tmp_path).close()
    db = sqlite3.connect(tmp_path / "shenbao.sqlite3")
    db.executescript("DROP TABLE staff_words; DROP TABLE register_files; DROP TABLE register_cells;"
                     " PRAGMA user_version=1;")
    db.close()
    with Store(tmp_path) as store:
        assert store.staff_words() == {} and store.register_files() == {} and store.register_cells() == {}
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2


def test_words_and_sheets_are_kept_and_a_deleted_file_forgotten(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.record_staff_words({("2024-0001", NOTE): StaffWord("已电话", AT, "register.xlsx 总表"),
                                  ("2024-0001", CHECK): StaffWord(None, AT, "register.xlsx 待处理")})
        store.record_register_file("register.xlsx", 7, {"总表": {("2024-0001", NOTE): "已电话"}})
        store.record_register_file("register-20240502-090000.xlsx", 8, {"总表": {}})
        store.record_register_file("register.xlsx", 9, {"待处理": {("2024-0001", NOTE): "已电话"}})
        store.forget_register_file("register-20240502-090000.xlsx")
    with Store(tmp_path) as store:
        assert store.staff_words() == {("2024-0001", NOTE): StaffWord("已电话", AT, "register.xlsx 总表"),
                                       ("2024-0001", CHECK): StaffWord(None, AT, "register.xlsx 待处理")}
        assert store.register_files() == {"register.xlsx": 9}
        assert store.register_cells() == {("register.xlsx", "待处理"): {("2024-0001", NOTE): "已电话"}}


def test_a_rebuilt_database_keeps_staff_words(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.record_staff_words({("2024-0001", NOTE): StaffWord("已电话", AT, "register.xlsx 总表")})
    rebuild_from_blobs(tmp_path)
    with Store(tmp_path) as store:
        assert store.staff_words()[("2024-0001", NOTE)].value == "已电话"
