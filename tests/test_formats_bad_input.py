"""Every kind of unreadable input in ONE ``budgetlint check`` call, beside a good file:
one line on stderr per bad input naming the file and the reason, exit code 2, and the
good file still linted."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli

FIX = Path(__file__).parent / "fixtures" / "formats"


def make_bad_inputs(d: Path) -> dict[str, tuple[str, str]]:
    """path -> (Chinese reason, English reason) expected in its one-line error."""
    from PIL import Image

    bad: dict[str, tuple[str, str]] = {}
    bad[str(d / "missing.txt")] = ("文件不存在", "no such file")
    (d / "empty_dir").mkdir()
    (d / "empty_dir" / "notes.rtf").write_text("x")
    bad[str(d / "empty_dir")] = ("目录中没有可读取的文件", "directory holds no supported files")
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old Word")
    bad[str(d / "old.doc")] = ("不是有效的 .doc 文件", "not a valid .doc file")
    (d / "notes.rtf").write_text("x")
    bad[str(d / "notes.rtf")] = ("不支持的文件类型“.rtf”，请另存为 .docx", "unsupported file type '.rtf'; save it as .docx")
    (d / "empty.txt").write_bytes(b"")
    bad[str(d / "empty.txt")] = ("文件为空", "empty file")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    bad[str(d / "binary.txt")] = ("二进制", "binary data, not text")
    (d / "latin.txt").write_bytes("收入".encode() + b" \xff\xfe\xff")  # neither UTF-8 nor GB18030
    bad[str(d / "latin.txt")] = ("无法解码", "cannot decode")
    shutil.copy(FIX / "encrypted.pdf", d / "encrypted.pdf")
    bad[str(d / "encrypted.pdf")] = ("已加密", "encrypted PDF")
    Image.new("L", (200, 280), 255).save(d / "scan.pdf")  # a page that is only an image
    bad[str(d / "scan.pdf")] = ("没有文字层", "no text layer")
    data = (FIX / "example.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(data[: len(data) // 2])
    bad[str(d / "truncated.pdf")] = ("不完整", "truncated PDF")
    (d / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    bad[str(d / "garbage.pdf")] = ("已损坏", "corrupt PDF")
    with zipfile.ZipFile(d / "corrupt.docx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types")
        z.writestr("word/document.xml", "<w:document><unclosed>")
    bad[str(d / "corrupt.docx")] = ("已损坏", "corrupt .docx")
    (d / "table.xlsx").write_text("项目,决算数\n合计,1.00\n", encoding="utf-8")  # a CSV renamed
    bad[str(d / "table.xlsx")] = ("不是 zip", "not a zip archive")
    (d / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # OLE container
    bad[str(d / "locked.xlsx")] = ("已加密", "password-protected .xlsx file")
    with open(d / "huge.txt", "wb") as f:  # sparse: 51 MB on paper, nothing on disk
        f.truncate(51 * 1024 * 1024)
    bad[str(d / "huge.txt")] = ("文件过大", "file too large")
    with zipfile.ZipFile(d / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/pad.bin", bytes(20 * 1024 * 1024))  # 20 MiB of zeros → ~20 KB
    bad[str(d / "bomb.docx")] = ("zip 炸弹", "possible zip bomb")
    return bad


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_bad_input_in_one_call(tmp_path, lang):
    bad = make_bad_inputs(tmp_path)
    good = str(FIX / "example.txt")
    code, out, err = run_cli("check", "--lang", lang, *bad, good)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(bad), err
    for path, (zh, en) in bad.items():
        [line] = [ln for ln in lines if f" {path}: " in ln]
        assert (zh if lang == "zh" else en) in line, line
        assert "Traceback" not in line
    # the good file was still linted: its planted errors are printed
    assert out.count("example.txt:") >= 2 and "BL101" in out


def test_size_limit_is_a_parameter(tmp_path):
    from budgetlint.ingest import InputError, read_document

    p = tmp_path / "a.txt"
    p.write_text("本年收入合计1.00万元。", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_document(str(p), max_size=10)
    assert "file too large" in e.value.message("en")
    assert read_document(str(p), max_size=1000).text.startswith("本年收入合计")


def test_directory_is_walked_for_every_format(tmp_path):
    for name in ("example.txt", "example.pdf"):
        shutil.copy(FIX / name, tmp_path / name)
    (tmp_path / "readme.rtf").write_text("x")
    code, out, err = run_cli("check", str(tmp_path))
    assert code == 1 and err == ""
    assert {ln.split(":")[0] for ln in out.splitlines() if "BL101" in ln} == {
        str(tmp_path / "example.txt"), str(tmp_path / "example.pdf")}


def test_heavy_libraries_load_only_for_their_files(tmp_path):
    """Linting text never imports the PDF/Office libraries; a PDF imports only the PDF ones."""
    import subprocess
    import sys

    from conftest import ROOT

    probe = ("import sys; from budgetlint.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('pypdfium2', 'pdfplumber', 'docx', 'openpyxl') if m in sys.modules))")

    def loaded(path: Path) -> str:
        r = subprocess.run([sys.executable, "-c", probe, "check", str(path)], capture_output=True, text=True,
                           cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"})
        return r.stdout.strip().splitlines()[-1]

    assert loaded(FIX / "example.txt") == "[]"
    assert loaded(FIX / "example.pdf") == "['pypdfium2']"  # table geometry without pdfplumber/pdfminer
