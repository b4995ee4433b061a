"""Paper forms render to A4 PDF: page numbers, repeated table headers, embedded Chinese text."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from gridapp.reports.forms import FormSection, FormTable, PrintForm
from ui import printing


def _form(n_rows: int) -> PrintForm:
    rows = tuple((str(i + 1), f"成员{i + 1}", "子", "男", "420281********0017", "138****1234", "独居老人")
                 for i in range(n_rows))
    return PrintForm(
        title="入户登记表", station="大箕铺镇柯大兴村第一网格",
        fields=(("户号", "001"), ("户主", "张三"), ("现住址", "柯大兴村3组12号")),
        tables=(FormTable(headers=("序号", "姓名", "与户主关系", "性别", "公民身份号码", "联系电话", "标签"),
                          rows=rows, caption="家庭成员", widths=(1, 2, 2, 1, 4, 3, 3)),),
        sections=(FormSection("走访情况", "情况正常"),), signatures=("户主（签名）", "网格员（签名）"),
        printed_on="2026-11-28")


def _pdftotext(path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return "".join(out.split(" "))  # pdftotext spaces CJK text its own way


def test_one_page_form(qapp, tmp_path):
    path = tmp_path / "one.pdf"
    assert printing.save_pdf(_form(3), path) == 1
    assert path.read_bytes().startswith(b"%PDF")
    text = _pdftotext(path)
    assert "入户登记表" in text and "成员3" in text and "第1页/共1页" in text
    assert "户主（签名）" in text


def test_long_table_spans_pages_with_repeated_header(qapp, tmp_path):
    path = tmp_path / "long.pdf"
    pages = printing.save_pdf(_form(150), path)
    assert pages >= 3
    text = _pdftotext(path)
    pages_text = text.split("\f")
    assert f"第{pages}页/共{pages}页" in text
    for page_text in pages_text[:pages]:
        assert "公民身份号码" in page_text  # the header row repeats on every page
    assert "成员150" in text


def test_failed_pdf_leaves_no_file(qapp, tmp_path, monkeypatch):
    path = tmp_path / "fail.pdf"

    def boom(form, printer):
        raise OSError("disk full")

    monkeypatch.setattr(printing, "paint", boom)
    with pytest.raises(OSError):
        printing.save_pdf(_form(3), path)
    assert list(tmp_path.iterdir()) == []


def test_plain_text_has_every_part():
    text = _form(2).plain_text()
    for part in ("入户登记表", "户号：001", "成员2", "走访情况", "网格员（签名）"):
        assert part in text
