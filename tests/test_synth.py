"""The synthetic corpus generator: determinism, coverage, gold validity, and files that match their gold."""
from __future__ import annotations

import csv
import datetime as dt
import email
import html
import io
import json
import random
import re
import time
from pathlib import Path

import pytest

from classifier.vocab import (AUTHORITY_TYPES, CAUSES, FOI_STATUSES, FORMATS, OUTCOMES, PARSE_STATUSES,
                              STAFF_TYPES)
from extractors.registry import detect_kind
from foi.synth import generate, main, write_samples
from foi.synth.archetypes import ARCHETYPES
from foi.synth.corpus import allocate

REPO = Path(__file__).resolve().parents[1]
RESPONSE_KEYS = {"authority", "authority_type", "request_ref", "foi_status", "exemptions", "format",
                 "period_start", "period_end", "reported_total_min", "reported_total_max", "parse_status",
                 "incidents", "notes"}
INCIDENT_KEYS = {"date", "period_start", "period_end", "description", "cause", "outcome", "staff_type",
                 "count_min", "count_max"}
EXEMPTION = re.compile(r"^s\d+(\(\d+\))?(\([a-z]\))?$")
CONTENT_FORMATS = {"pdf", "pdf_scanned", "xlsx", "xls", "ods", "html", "csv", "docx", "eml", "txt"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth40")
    generate(40, out, seed=11)
    return out


@pytest.fixture(scope="module")
def gold(corpus) -> dict:
    return json.loads((corpus / "gold.json").read_text(encoding="utf-8"))["files"]


def register_names() -> set[str]:
    """The register's names less the shared samples' authorities (never used by synth)."""
    from foi.synth.content import phrases

    with open(REPO / "interpret" / "data" / "authorities.csv", encoding="utf-8", newline="") as f:
        return {row["name"] for row in csv.DictReader(f)} - set(phrases()["excluded_authorities"])


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def frozen_clock(monkeypatch, epoch: float) -> None:
    """Move the process clock, so anything a renderer took from it would change the bytes."""
    real_localtime, real_gmtime = time.localtime, time.gmtime
    monkeypatch.setattr(time, "time", lambda: epoch)
    monkeypatch.setattr(time, "localtime", lambda secs=None: real_localtime(epoch if secs is None else secs))
    monkeypatch.setattr(time, "gmtime", lambda secs=None: real_gmtime(epoch if secs is None else secs))


def test_same_seed_gives_identical_bytes_at_any_time(tmp_path, monkeypatch):
    generate(12, tmp_path / "a", seed=5)
    frozen_clock(monkeypatch, 1_900_000_000.0)  # 2030: zip dates, PDF dates, e-mail dates must not follow it
    generate(12, tmp_path / "b", seed=5)
    first, second = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_different_seeds_give_different_corpora(tmp_path):
    generate(5, tmp_path / "a", seed=1)
    generate(5, tmp_path / "b", seed=2)
    assert files_of(tmp_path / "a") != files_of(tmp_path / "b")


def test_every_format_and_archetype_appears_from_40_files(gold):
    assert len(gold) == 40
    formats = {entry["format"] for entry in gold.values()}
    assert CONTENT_FORMATS <= formats
    assert any(entry["parse_status"] == "failed" for entry in gold.values())
    for n in (40, 100, 1000):
        names = allocate(n, random.Random(n))
        assert len(names) == n and {a.name for a in ARCHETYPES} <= set(names)


def test_proportions_look_like_a_campaign():
    names = allocate(1000, random.Random(0))
    share = {a.name: names.count(a.name) / 1000 for a in ARCHETYPES}
    pdf_and_sheets = sum(v for k, v in share.items() if k.startswith(("pdf_letter", "pdf_long", "xlsx", "xls", "ods",
                                                                        "csv")))
    assert pdf_and_sheets > 0.5
    assert 0.02 <= share["pdf_scanned"] <= 0.04
    assert 0.01 <= share["broken"] <= 0.03


def test_gold_follows_the_gold_format_and_vocabularies(gold):
    names = register_names()
    for path, entry in gold.items():
        assert set(entry) == RESPONSE_KEYS, path
        assert entry["format"] in FORMATS and entry["parse_status"] in PARSE_STATUSES
        assert entry["authority_type"] in AUTHORITY_TYPES and entry["foi_status"] in FOI_STATUSES
        assert all(EXEMPTION.match(e) for e in entry["exemptions"]), entry["exemptions"]
        if entry["parse_status"] == "failed":
            assert entry["incidents"] == [] and entry["authority"] is None
            assert entry["authority_type"] == entry["foi_status"] == "not_stated"
            continue
        assert entry["authority"] in names, path
        assert entry["foi_status"] != "partially_disclosed" or entry["exemptions"], path
        start, end = dt.date.fromisoformat(entry["period_start"]), dt.date.fromisoformat(entry["period_end"])
        assert start <= end
        for inc in entry["incidents"]:
            assert set(inc) == INCIDENT_KEYS
            assert inc["cause"] in CAUSES and inc["outcome"] in OUTCOMES and inc["staff_type"] in STAFF_TYPES
            assert 1 <= inc["count_min"] <= inc["count_max"]
            assert inc["period_start"] <= inc["period_end"]
            if inc["date"]:
                assert inc["date"] == inc["period_start"] == inc["period_end"]


def test_stated_totals_agree_with_the_rows(gold):
    """A domain invariant: the reply's own total lies within the range its rows add up to."""
    checked = 0
    for path, entry in gold.items():
        if entry["reported_total_min"] is None or not entry["incidents"]:
            continue
        lo = sum(i["count_min"] for i in entry["incidents"])
        hi = sum(i["count_max"] for i in entry["incidents"])
        assert lo <= entry["reported_total_min"] <= entry["reported_total_max"] <= hi, path
        checked += 1
    assert checked >= 10


def test_files_are_detected_as_their_gold_format(corpus, gold):
    for path, entry in gold.items():
        data = (corpus / "files" / path).read_bytes()
        expected = "pdf" if entry["format"] == "pdf_scanned" else entry["format"]  # scans are PDFs until read
        assert detect_kind(data, path.rsplit(".", 1)[-1].lower()).value == expected, path


def test_scanned_pdf_has_no_text_layer(corpus, gold):
    import pdfplumber

    scans = [p for p, e in gold.items() if e["format"] == "pdf_scanned"]
    assert scans
    for path in scans:
        with pdfplumber.open(corpus / "files" / path) as pdf:
            assert all(not (page.extract_text() or "").strip() for page in pdf.pages)
            assert all(page.images for page in pdf.pages)


def test_unreadable_files_really_cannot_be_read(corpus, gold):
    import zipfile

    import pdfplumber

    for path, entry in gold.items():
        if entry["parse_status"] != "failed":
            continue
        data = (corpus / "files" / path).read_bytes()
        if entry["format"] == "unknown":
            assert data == b""
        elif entry["format"] == "pdf":
            with pytest.raises(Exception):
                with pdfplumber.open(io.BytesIO(data)) as pdf:
                    pdf.pages[0].extract_text()
        else:
            with pytest.raises(zipfile.BadZipFile):
                zipfile.ZipFile(io.BytesIO(data))


def shown_text(path: str, data: bytes, fmt: str) -> str | None:
    """All text a file shows, for formats cheap to read here; None for the rest."""
    if fmt == "csv":
        return data.decode("cp1252")
    if fmt in ("txt",):
        return data.decode("utf-8")
    if fmt == "html":
        return html.unescape(data.decode("utf-8"))
    if fmt == "xlsx":
        return xlsx_text(data)
    if fmt == "docx":
        import docx

        d = docx.Document(io.BytesIO(data))
        cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    if fmt == "eml":
        msg = email.message_from_bytes(data)
        parts = []
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                parts.append(part.get_payload(decode=True).decode(part.get_content_charset()))
            elif part.get_filename():
                parts.append(xlsx_text(part.get_payload(decode=True)))
        return "\n".join(parts)
    return None


def xlsx_text(data: bytes) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_gold_descriptions_ref_and_authority_are_in_the_file(corpus, gold):
    checked = 0
    for path, entry in gold.items():
        if entry["parse_status"] == "failed":
            continue
        text = shown_text(path, (corpus / "files" / path).read_bytes(), entry["format"])
        if text is None:
            continue
        text = squash(text)
        for inc in entry["incidents"]:
            if inc["description"]:
                assert squash(inc["description"]) in text, (path, inc["description"])
        if entry["request_ref"]:
            assert entry["request_ref"] in text, path
        checked += 1
    assert checked >= 10


def test_quoted_request_is_never_an_incident(corpus, gold):
    for path, entry in gold.items():
        if entry["format"] != "eml" or not entry["incidents"]:
            continue
        msg = email.message_from_bytes((corpus / "files" / path).read_bytes())
        body = next(p for p in msg.walk() if p.get_content_type() == "text/plain")
        text = body.get_payload(decode=True).decode(body.get_content_charset())
        quoted = re.split(r"-----Original Message-----|\n(?=On .* wrote:)", text)[-1]
        assert "I would like to request" in quoted
        for inc in entry["incidents"]:
            assert squash(inc["description"]) not in squash(quoted)


def canonical(data: bytes):
    """File content with compression undone, so another zlib build still compares equal."""
    import base64
    import zipfile
    import zlib

    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
        except zipfile.BadZipFile:
            return data
    if data.startswith(b"%PDF"):
        def inflate(m: re.Match) -> bytes:
            try:
                return zlib.decompress(base64.a85decode(m.group(1).strip(), adobe=True))
            except ValueError:
                try:
                    return zlib.decompress(m.group(1).strip())
                except zlib.error:
                    return m.group(1)
        body = re.sub(rb"stream\r?\n(.*?)endstream", inflate, data, flags=re.S)
        return re.sub(rb"/Length \d+|\d{10} \d{5} [nf]|startxref\s+\d+", b"", body)
    return data


def test_committed_samples_are_what_write_samples_makes(tmp_path):
    """raw/ and tests/raw_gold.json are generated; regenerate them rather than edit them."""
    gold = write_samples(tmp_path / "raw", tmp_path / "raw_gold.json")
    committed = files_of(REPO / "raw")
    fresh = files_of(tmp_path / "raw")
    assert committed.keys() == fresh.keys()
    assert [k for k in fresh if canonical(fresh[k]) != canonical(committed[k])] == []
    assert json.loads((REPO / "tests" / "raw_gold.json").read_text(encoding="utf-8")) == gold
    assert len(gold["files"]) >= 14


def test_command_line_writes_a_corpus(tmp_path, capsys):
    assert main(["3", "--out", str(tmp_path / "c"), "--seed", "4"]) == 0
    entries = json.loads((tmp_path / "c" / "gold.json").read_text(encoding="utf-8"))["files"]
    assert len(entries) == 3
    assert all((tmp_path / "c" / "files" / p).is_file() for p in entries)
    assert main(["2", "--out", str(tmp_path / "c")]) == 1  # never writes over an earlier corpus
    assert "not empty" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["-1", "--out", str(tmp_path / "d")])
