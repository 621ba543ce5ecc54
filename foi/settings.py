"""Settings as data: limits and paths, with defaults a researcher can override."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    """Safety limits applied while reading one file.

    Exceeding one gives that file parse_status=failed (or partial) with an
    error naming the limit; the run goes on.
    """

    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 500
    max_page_area_pt2: float = 10_000 * 10_000  # pt², about 3.5 m square; larger pages are not rendered
    max_sheet_cells: int = 2_000_000
    max_inflation_ratio: float = 100.0
    max_inflated_bytes: int = 500 * 1024 * 1024
    max_attachment_depth: int = 3
    max_attachments: int = 50
    per_file_seconds: float = 120.0
    ocr_dpi: int = 300

    def with_overrides(self, **kw) -> "Limits":
        known = {f.name for f in fields(self)}
        bad = sorted(set(kw) - known)
        if bad:
            raise ValueError(f"unknown limit setting(s): {', '.join(bad)}; known: {', '.join(sorted(known))}")
        return replace(self, **kw)


DEFAULT_LIMITS = Limits()
