"""Scanned replies: a letter printed, scanned slightly skewed with noise, saved as an image-only PDF."""
from __future__ import annotations

import io
import time

from foi.synth.model import Reply
from foi.synth.render_pdf import render_pdf

SCAN_DPI = 200  # office scanners' usual setting; enough for OCR


def render_scan(reply: Reply) -> bytes:
    import numpy as np
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render_pdf(reply))
    rng = np.random.default_rng(reply.noise_seed)
    pages = []
    try:
        for i in range(len(pdf)):
            bitmap = pdf[i].render(scale=SCAN_DPI / 72, grayscale=True)
            pages.append(_scanned(bitmap.to_pil().convert("L"), reply.scan_angle, rng))
    finally:
        pdf.close()
    out = io.BytesIO()
    stamp = time.struct_time((reply.reply_date.year, reply.reply_date.month, reply.reply_date.day,
                              9, 30, 0, 0, 1, 0))
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(SCAN_DPI), quality=60,
                  title="Scanned document", creator="Scanner", producer="Scanner",
                  creationDate=stamp, modDate=stamp)
    return out.getvalue()


def _scanned(page, angle: float, rng):
    """Skew, grey the paper, add sensor noise and a few specks."""
    import numpy as np
    from PIL import Image, ImageFilter

    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=245)
    pixels = np.asarray(page, dtype=np.float32)
    pixels = pixels * 0.92 + 8  # paper is never white, ink never black
    pixels += rng.normal(0.0, 6.0, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0008
    pixels[specks] = rng.uniform(0, 90, int(specks.sum()))
    img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return img.filter(ImageFilter.GaussianBlur(0.5))
