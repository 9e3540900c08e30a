"""``budgetlint serve``: what a request can and cannot do (the browser tests drive the page itself)."""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from budgetlint.config import Config
from budgetlint.web.app import Limits, create_app

SUM = "2023年度收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n".encode()


@pytest.fixture
def tmp_root(tmp_path, monkeypatch):
    """Uploads go to a temporary folder under here, so the test can see that it is removed."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def client(lang="zh", **limits) -> TestClient:
    return TestClient(create_app(Config(), lang, Limits(**limits)))


def result(response) -> dict:
    """The last of the answer's JSON lines: the report and its downloads."""
    return json.loads(response.text.splitlines()[-1])["result"]


def test_upload_is_checked_and_every_download_names_the_uploaded_file(tmp_root):
    r = client().post("/check", files=[("files", ("决算说明.txt", SUM, "text/plain"))])
    assert r.status_code == 200
    data = result(r)
    assert data["documents"] == 1 and data["counts"] == {"error": 1, "warning": 0, "info": 0}
    (finding,) = json.loads(data["downloads"]["json"])
    assert (finding["path"], finding["code"], finding["line"], finding["column"]) == ("决算说明.txt", "BL101", 1, 11)
    rows = list(csv.reader(io.StringIO(data["downloads"]["csv"].lstrip("\ufeff"))))
    assert rows[1][:6] == ["决算说明.txt", "1", "11", "", "", "BL101"]
    sarif = json.loads(data["downloads"]["sarif"])
    assert sarif["runs"][0]["results"][0]["ruleId"] == "BL101"
    assert data["downloads"]["html"] == data["report"] and 'data-code="BL101"' in data["report"]
    assert str(tmp_root) not in r.text  # no server path leaks into the report
    assert list(tmp_root.iterdir()) == []  # the upload folder is gone once the answer is sent


def test_a_bad_file_gives_its_line_and_the_others_are_still_checked(tmp_root):
    files = [("files", ("损坏.pdf", b"%PDF-1.4 not really", "application/pdf")),
             ("files", ("旧格式.rtf", b"{\\rtf1}", "application/rtf")),
             ("files", ("a.txt", SUM, "text/plain"))]
    r = client().post("/check", files=files)
    progress = [json.loads(line) for line in r.text.splitlines()[:-1]]
    assert progress == [{"checking": "损坏.pdf", "done": 0, "total": 3}, {"checking": "旧格式.rtf", "done": 1, "total": 3},
                        {"checking": "a.txt", "done": 2, "total": 3}]
    data = result(r)
    assert data["documents"] == 1 and data["counts"]["error"] == 1
    assert data["errors"] == ["损坏.pdf: PDF 文件不完整（缺少 %%EOF 结尾，可能下载或复制时被截断）",
                              "旧格式.rtf: 不支持的文件类型“.rtf”，请另存为 .docx"]


def test_files_of_one_upload_are_compared_with_each_other(tmp_root):
    """The example pair: the 2024 决算 implies a 2023 公务接待费 of 2.23 + 1.07 = 3.30万元, the 2023 决算
    states 3.20万元 (BL950); same-named uploads keep apart as 「说明.txt」 and 「说明 (2).txt」."""
    examples = Path(__file__).parent.parent / "examples"
    files = [("files", ("说明.txt", (examples / f"port-office-{n}-final-accounts.txt").read_bytes(), "text/plain"))
             for n in (2023, 2024)]
    data = result(client().post("/check", files=files))
    (cross,) = [f for f in json.loads(data["downloads"]["json"]) if f["code"] == "BL950"]
    assert cross["path"] == "说明 (2).txt"
    assert "3.30万元" in cross["message"] and "与 说明.txt 所述 3.20万元 不符" in cross["message"]
    assert str(tmp_root) not in json.dumps(data, ensure_ascii=False)


def test_no_request_names_a_server_path(tmp_root, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("收入合计1万元，其中：A 2万元。\n", encoding="utf-8")
    c = client()
    data = result(c.post("/check", files=[("files", ("../../" + str(secret), SUM, "text/plain"))]))
    # the name is reduced to its base name and the uploaded bytes are what is checked, not the file it names
    assert json.loads(data["downloads"]["json"])[0]["path"] == "secret.txt"
    assert json.loads(data["downloads"]["json"])[0]["evidence"]["stated"] == "100万元"
    assert c.get("/" + str(secret)).status_code == 404
    assert c.get("/check").status_code == 405
    assert c.get("/../../etc/passwd").status_code == 404


def test_too_large_or_too_many_is_refused_and_the_server_keeps_serving(tmp_root):
    c = client(max_upload=100_000, max_files=2)
    big = c.post("/check", files=[("files", ("big.txt", b"x" * 150_000, "text/plain"))])
    assert big.status_code == 413 and big.json()["error"].startswith("上传被拒绝：共 ") and "超过上限 98 KB" in big.json()["error"]
    many = c.post("/check", files=[("files", (f"{i}.txt", SUM, "text/plain")) for i in range(3)])
    assert many.status_code == 413 and many.json()["error"] == "上传被拒绝：一次最多 2 个文件（可用 --max-files 调整）"
    many = c.post("/check", files=[("files", (f"{i}.txt", SUM, "text/plain")) for i in range(9)])
    assert many.status_code == 413 and "一次最多 2 个文件" in many.json()["error"]
    ok = c.post("/check", files=[("files", ("a.txt", SUM, "text/plain"))])
    assert ok.status_code == 200 and result(ok)["counts"]["error"] == 1
    assert list(tmp_root.iterdir()) == []


def test_page_in_english_and_its_policy():
    r = client(lang="en").get("/")
    assert '<html lang="en">' in r.text and "Choose files" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_serve_with_a_bad_config_is_one_line_and_exit_2(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from budgetlint.cli import main

    (tmp_path / "budgetlint.toml").write_text('tail-digits = "one"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert res.exit_code == 2
    assert res.stderr == f"budgetlint: {tmp_path / 'budgetlint.toml'}: 配置项“tail-digits”应为整数，实际为 'one'\n"
