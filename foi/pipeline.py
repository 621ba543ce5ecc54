"""One reply, start to finish: detect -> extract -> interpret -> classify.

Pure functions of the file's bytes (plus settings), so the flow can cache them
by content hash and a test can call them without Prefect. Bad input never
raises out of here: it comes back as a FileResult with parse_status=failed.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from dataclasses import dataclass, field

from extractors.errors import ExtractionError
from extractors.registry import FileKind, Source, detect_kind, read_document
from foi.ids import incident_id, response_id, sha256_hex
from foi.settings import DEFAULT_LIMITS, Limits

log = logging.getLogger(__name__)

# spaCy's shared vocabulary (StringStore) is not thread-safe: two threads adding
# strings at once corrupt lookups ("E018 can't retrieve string for hash"). Reading
# files runs in parallel; interpretation and classification take turns. Process
# workers (Dask) each have their own vocabulary and are not slowed by this.
_NLP_LOCK = threading.Lock()


@dataclass
class FileResult:
    """The response row and incident rows read from one input file."""

    response: dict
    incidents: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage, for the benchmark
    from_cache: bool = False  # set by the flow: read from the state folder, not from the file


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _empty_response(source_file: str, data: bytes, kind: str) -> dict:
    sha = sha256_hex(data)
    return {
        "response_id": response_id(source_file, sha),
        "source_file": source_file,
        "sha256": sha,
        "format": kind,
        "authority": None,
        "authority_type": "not_stated",
        "request_ref": None,
        "foi_status": "not_stated",
        "exemptions": [],
        "period_start": None,
        "period_end": None,
        "reported_total_min": None,
        "reported_total_max": None,
        "parse_status": "failed",
        "error": None,
        "pages": None,
    }


def process_bytes(data: bytes, source_file: str, limits: Limits = DEFAULT_LIMITS) -> FileResult:
    """Read one reply's bytes into its response row and incident rows."""
    from interpret import interpret_document  # imported here: heavy (spaCy) and cycle-free
    from classifier import classify_rows

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    source = Source(data=data, source_file=source_file, limits=limits)
    kind = _detected_kind(source)
    response = _empty_response(source_file, data, kind.value)
    timings["detect"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    try:
        doc = read_document(source, kind)
    except ExtractionError as exc:
        response["error"] = str(exc)
        timings["extract"] = time.perf_counter() - t0
        return FileResult(response, [], timings)
    except Exception as exc:  # a bug in a reader library or in ours: recorded, never fatal
        log.exception("unexpected error reading %s", source_file)
        response["error"] = f"the file could not be read (internal error {type(exc).__name__}: {exc})"
        timings["extract"] = time.perf_counter() - t0
        return FileResult(response, [], timings)
    timings["extract"] = time.perf_counter() - t0
    response["format"] = doc.kind
    response["pages"] = doc.pages or None

    with _NLP_LOCK:
        t0 = time.perf_counter()
        facts, rows = interpret_document(doc)
        timings["interpret"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        labels = classify_rows(rows, facts)
        timings["classify"] = time.perf_counter() - t0

    problems = [p for d in doc.walk() for p in d.problems]
    response.update({
        "authority": facts.authority,
        "authority_type": facts.authority_type,
        "request_ref": facts.request_ref,
        "foi_status": facts.foi_status,
        "exemptions": sorted(set(facts.exemptions), key=_section_key),
        "period_start": _iso(facts.period_start),
        "period_end": _iso(facts.period_end),
        "reported_total_min": facts.reported_total_min,
        "reported_total_max": facts.reported_total_max,
        "parse_status": "partial" if problems else "ok",
        "error": "; ".join(problems) or None,
    })
    rid = response["response_id"]
    incidents = []
    for row, lab in zip(rows, labels):
        incidents.append({
            "incident_id": incident_id(rid, row.source_locator),
            "response_id": rid,
            "authority": facts.authority,
            "authority_type": facts.authority_type,
            "date": _iso(row.date),
            "period_start": _iso(row.period_start),
            "period_end": _iso(row.period_end),
            "description": row.description,
            "cause": lab.cause,
            "cause_confidence": round(float(lab.cause_confidence), 4),
            "outcome": lab.outcome,
            "staff_type": lab.staff_type,
            "count_min": row.count_min,
            "count_max": row.count_max,
            "source_file": row.source_file,
            "source_locator": row.source_locator,
            "ocr_confidence": None if row.ocr_confidence is None else round(float(row.ocr_confidence), 4),
            "notes": "; ".join(row.notes) or None,
        })
    return FileResult(response, incidents, timings)


def _detected_kind(source: Source) -> FileKind:
    return detect_kind(source.data, source.extension) if source.data else FileKind.UNKNOWN


def _section_key(section: str) -> tuple:
    nums = [int(n) for n in re.findall(r"\d+", section)]
    return (nums, section)


def failed_result(data: bytes, source_file: str, error: str) -> FileResult:
    """A result for a file whose processing did not finish (time limit, crash)."""
    response = _empty_response(source_file, data, _detected_kind(Source(data, source_file)).value)
    response["error"] = error
    return FileResult(response, [], {})


def rebind(result: FileResult, source_file: str) -> FileResult:
    """The same result for the same bytes found under another name.

    Cached results are keyed by content, so a renamed or moved file reuses its
    earlier result; its ids and names are recomputed for the new path.
    """
    old = result.response["source_file"]
    if old == source_file:
        return result
    response = dict(result.response)
    response["source_file"] = source_file
    rid = response_id(source_file, response["sha256"])
    response["response_id"] = rid
    incidents = []
    for inc in result.incidents:
        inc = dict(inc)
        name = inc["source_file"]
        inc["source_file"] = source_file + name[len(old):] if name.startswith(old) else name
        inc["response_id"] = rid
        inc["incident_id"] = incident_id(rid, inc["source_locator"])
        incidents.append(inc)
    return FileResult(response, incidents, result.seconds)
