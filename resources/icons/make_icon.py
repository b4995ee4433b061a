"""Draw the application icon (a green grid with 网) into gridapp.png and gridapp.ico.

    QT_QPA_PLATFORM=offscreen python resources/icons/make_icon.py

The .ico holds PNG images of 16–256 px (Windows Vista and later read PNG entries).
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
GREEN = QColor("#2e7d32")
LIGHT = QColor("#66bb6a")
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "SimHei")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    margin = s * 0.04
    body = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(body, s * 0.18, s * 0.18)
    p.fillPath(path, GREEN)
    # the grid: 3 × 3 cells in a lighter green
    inner = body.adjusted(s * 0.12, s * 0.12, -s * 0.12, -s * 0.12)
    pen = QPen(LIGHT, max(1.0, s * 0.035))
    p.setPen(pen)
    for i in range(4):
        x = inner.left() + inner.width() * i / 3
        y = inner.top() + inner.height() * i / 3
        p.drawLine(int(x), int(inner.top()), int(x), int(inner.bottom()))
        p.drawLine(int(inner.left()), int(y), int(inner.right()), int(y))
    # 网 in white over the grid (skipped at 16 px where it would be a blur)
    if size >= 24:
        families = set(QFontDatabase.families())
        family = next((f for f in CJK_FAMILIES if f in families), None)
        font = QFont(family) if family else QFont()
        font.setPixelSize(int(s * 0.62))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(body, Qt.AlignmentFlag.AlignCenter, "网")
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def write_ico(path: Path, images: list[QImage]) -> None:
    blobs = [png_bytes(im) for im in images]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for im, blob in zip(images, blobs):
        w = im.width() if im.width() < 256 else 0
        h = im.height() if im.height() < 256 else 0
        entries += struct.pack("<BBBBHHII", w, h, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need it
    images = [draw(n) for n in SIZES]
    images[-1].save(str(HERE / "gridapp.png"), "PNG")
    write_ico(HERE / "gridapp.ico", images)
    print(f"wrote {HERE / 'gridapp.png'} and {HERE / 'gridapp.ico'} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
