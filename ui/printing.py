"""Printing, print preview and PDF for the paper forms (gridapp.reports.forms.PrintForm).

A form becomes a QTextDocument laid out on A4. Pages are painted one by one so each gets a footer
with 第 N 页 / 共 M 页; tables repeat their header row on every page (headerRowCount). Qt embeds the
Chinese font used (a subset) in a PDF, so the file reads the same on any machine.
"""
from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QFont, QFontDatabase, QPageLayout, QPageSize, QPainter, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextDocument, QTextFrameFormat, QTextLength,
                           QTextTableFormat)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from gridapp.reports.forms import PrintForm

CJK_FAMILIES = ("SimSun", "Microsoft YaHei", "Noto Serif CJK SC", "Noto Sans CJK SC",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
MARGIN_MM = 15.0
FOOTER_MM = 8.0


def form_font(point_size: float = 10.5) -> QFont:
    """A Chinese font that exists on this machine (宋体 on Windows, WenQuanYi on Linux)."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return QFont(family, point_size)
    font = QFont()
    font.setPointSizeF(point_size)
    return font


def _esc(text: str) -> str:
    return html.escape(text or "").replace("\n", "<br/>")


def _paragraph(cursor: QTextCursor, inline_html: str, *, top: float = 0, left: float = 0) -> None:
    """A new paragraph at the end (inserted HTML would otherwise run on in the previous one)."""
    cursor.movePosition(QTextCursor.End)
    block = QTextBlockFormat()
    block.setTopMargin(top)
    block.setLeftMargin(left)
    cursor.insertBlock(block, QTextCharFormat())
    cursor.insertHtml(inline_html)


def build_document(form: PrintForm, page_width: float, device=None) -> QTextDocument:
    """Lay the form out as a rich-text document ``page_width`` wide, in the units of ``device``
    (the printer, so point sizes come out right at any resolution)."""
    doc = QTextDocument()
    if device is not None:
        doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(form_font())
    doc.setDocumentMargin(0)
    doc.setTextWidth(page_width)
    cursor = QTextCursor(doc)

    head = (f"<h2 align='center' style='margin:0'>{_esc(form.title)}</h2>"
            f"<p align='center' style='margin-top:4px'>{_esc(form.station)}"
            + (f"　　打印日期：{_esc(form.printed_on)}" if form.printed_on else "") + "</p>")
    cursor.insertHtml(head)

    if form.fields:
        cells = []
        pairs = list(form.fields)
        for i in range(0, len(pairs), 2):
            row = pairs[i:i + 2]
            tds = "".join(f"<td width='14%' bgcolor='#f2f2f2'>{_esc(k)}</td><td width='36%'>{_esc(v)}</td>"
                          for k, v in row)
            if len(row) == 1:
                tds += "<td></td><td></td>"
            cells.append(f"<tr>{tds}</tr>")
        cursor.insertHtml("<br/><table width='100%' border='1' cellspacing='0' cellpadding='4' "
                          "style='border-collapse:collapse'>" + "".join(cells) + "</table>")

    for table in form.tables:
        cursor.movePosition(QTextCursor.End)
        if table.caption:
            _paragraph(cursor, f"<b>{_esc(table.caption)}</b>", top=8)
        _insert_table(cursor, table)

    for section in form.sections:
        _paragraph(cursor, f"<b>{_esc(section.heading)}</b>", top=10)
        _paragraph(cursor, _esc(section.text) or "—", top=2, left=12)

    if form.signatures:
        cursor.movePosition(QTextCursor.End)
        lines = "".join(f"<td width='50%' style='padding-top:18px'>{_esc(s)}：________________</td>"
                        + ("</tr><tr>" if i % 2 else "")
                        for i, s in enumerate(form.signatures))
        cursor.insertHtml(f"<br/><table width='100%'><tr>{lines}</tr></table>")
    if form.note:
        cursor.movePosition(QTextCursor.End)
        cursor.insertHtml(f"<p style='margin-top:10px; font-size:8pt; color:#555'>{_esc(form.note)}</p>")
    return doc


def _insert_table(cursor: QTextCursor, table) -> None:
    n_cols = len(table.headers)
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setBorder(1)
    fmt.setBorderBrush(Qt.black)
    fmt.setCellPadding(2)
    fmt.setCellSpacing(0)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setWidth(QTextLength(QTextLength.PercentageLength, 100))
    widths = table.widths or (1,) * n_cols
    total = sum(widths)
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.PercentageLength, 100 * w / total) for w in widths])
    cursor.beginEditBlock()  # one layout pass for the whole table, not one per cell
    qt_table = cursor.insertTable(len(table.rows) + 1, n_cols, fmt)
    bold = cursor.charFormat()
    bold.setFontWeight(QFont.Bold)
    for c, header in enumerate(table.headers):
        cell = qt_table.cellAt(0, c)
        cell_cursor = cell.firstCursorPosition()
        cell_cursor.insertText(header, bold)
    for r, row in enumerate(table.rows, start=1):
        for c, value in enumerate(row):
            qt_table.cellAt(r, c).firstCursorPosition().insertText(value or "")
    cursor.endEditBlock()


def _configure(printer: QPrinter, form: PrintForm) -> None:
    orientation = QPageLayout.Landscape if form.landscape else QPageLayout.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), orientation,
                                      QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                      QPageLayout.Millimeter))
    printer.setDocName(form.title)
    printer.setCreator("网格通")


def paint(form: PrintForm, printer: QPrinter) -> int:
    """Paint the form onto ``printer`` page by page; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印：打印机或文件不可用")
    try:
        page = printer.pageRect(QPrinter.DevicePixel)
        footer_px = FOOTER_MM / 25.4 * printer.resolution()
        body_height = page.height() - footer_px
        doc = build_document(form, page.width(), printer)
        doc.setPageSize(QSizeF(page.width(), body_height))
        pages = doc.pageCount()
        footer_font = form_font(8)
        for index in range(pages):
            if index:
                printer.newPage()
            painter.save()
            painter.translate(0, -index * body_height)
            doc.drawContents(painter, QRectF(0, index * body_height, page.width(), body_height))
            painter.restore()
            painter.setFont(footer_font)
            footer = QRectF(0, page.height() - footer_px, page.width(), footer_px)
            painter.drawText(footer, Qt.AlignCenter, f"第 {index + 1} 页 / 共 {pages} 页")
            if form.station:
                painter.drawText(footer, Qt.AlignRight | Qt.AlignVCenter, form.station)
        return pages
    finally:
        painter.end()


def save_pdf(form: PrintForm, path: str | os.PathLike) -> int:
    """Write the form as a PDF (temporary name first, so a failure leaves no partial file)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp))
    _configure(printer, form)
    try:
        pages = paint(form, printer)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return pages


def preview_dialog(parent: QWidget | None, form: PrintForm) -> QPrintPreviewDialog:
    """The print preview dialog of the form, not yet shown (it has its own print button)."""
    printer = QPrinter(QPrinter.HighResolution)
    _configure(printer, form)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(form.title)
    dialog.paintRequested.connect(lambda p: paint(form, p))
    dialog.resize(1000, 760)
    dialog._printer = printer  # the dialog paints on it as long as it lives
    return dialog


def preview(parent: QWidget | None, form: PrintForm) -> None:
    """The print preview dialog, modal."""
    preview_dialog(parent, form).exec()


def print_form(parent: QWidget | None, form: PrintForm) -> bool:
    printer = QPrinter(QPrinter.HighResolution)
    _configure(printer, form)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.Accepted:
        return False
    paint(form, printer)
    return True


__all__ = ["build_document", "paint", "save_pdf", "preview", "preview_dialog", "print_form", "form_font"]
