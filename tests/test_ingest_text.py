"""Text ingest: encodings detected, CRLF handled, undecodable input refused in one line."""
from __future__ import annotations

from conftest import check_json, run_cli

TEXT = "说明\r\n收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入30.00万元。\r\n"


def test_utf8_bom_and_crlf(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    [f] = check_json(str(p))
    assert (f["line"], f["column"]) == (2, 5)


def test_gb18030_detected(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode("gb18030"))
    [f] = check_json(str(p))
    assert (f["line"], f["column"], f["code"]) == (2, 5, "BL101")


def test_markdown_is_read(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 说明\n\n" + TEXT.replace("\r\n", "\n"), encoding="utf-8")
    [f] = check_json(str(p))
    assert f["line"] == 4


def test_binary_and_undecodable_files_give_one_line(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    bad = tmp_path / "c.txt"
    bad.write_bytes(b"\xff\xfe\xfa" * 5)
    code, out, err = run_cli("check", str(binary), str(bad))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "b.txt" in lines[0] and "c.txt" in lines[1]
    assert "Traceback" not in err
