"""Rewrite a ZIP package with fixed member dates, so Office files are byte-identical per seed."""
from __future__ import annotations

import datetime as dt
import io
import zipfile


def fixed_zip(data: bytes, when: dt.date) -> bytes:
    """The same members in the same order, each dated `when` and marked as made on one system."""
    stamp = (max(when.year, 1980), when.month, when.day, 9, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = info.compress_type
            member.create_system = 0  # zipfile otherwise records the host OS
            member.external_attr = 0
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
