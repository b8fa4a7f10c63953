"""What an admin reads: `shenbao rules show` and `shenbao rules check FILE`."""

from __future__ import annotations

from pathlib import Path

from shenbao.validators.guide import default_guide_path
from shenbao.validators.render import check_rules_file, guide_to_table
from tests.validators.forms import guide_2024


def test_table_lists_every_item_with_its_funding_and_quota() -> None:
    table = guide_to_table(guide_2024())
    for expected in ("学术交流", "5—10万元/个", "10个左右", "“科创中国”湖南中心建设与运营", "70万元",
                     "衡阳市科学技术协会", "理事会或常务理事会审议通过", "MISSING_APPROVAL", "2024-04-30T17:00:00+08:00"):
        assert expected in table, expected


def test_table_columns_line_up_by_display_width() -> None:
    table = guide_to_table(guide_2024())
    block = table.split("\n\n")[2].splitlines()[1:]  # the items table, without its title
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    assert len({width(line) for line in block}) == 1


def test_check_of_the_shipped_guide_finds_nothing() -> None:
    assert check_rules_file(default_guide_path()) == []


def test_check_of_a_broken_file_lists_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "guide-bad.toml"
    path.write_text(default_guide_path().read_text(encoding="utf-8").replace("year = 2024", "year = \"今年\""),
                    encoding="utf-8")
    assert check_rules_file(path) == ["guide-bad.toml：键 year：应为整数"]
