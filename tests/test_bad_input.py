"""Bad and hostile input: every file accounted for, nothing executed, nothing escapes."""
from pathlib import Path

import pytest

from foi.dataset import assemble
from foi.pipeline import process_bytes
from foi.settings import DEFAULT_LIMITS
from foi.writer import write_dataset
from tests.bad_inputs import SECRET, build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    secret = root / "secret.txt"
    secret.write_text(SECRET)
    raw = root / "raw"
    kinds = build_corpus(raw, secret)
    before = {p for p in root.rglob("*")}
    raw_state = {p: p.stat().st_mtime_ns for p in raw.iterdir()}
    results = [process_bytes((raw / name).read_bytes(), name, DEFAULT_LIMITS) for name in sorted(kinds)]
    out = root / "out"
    write_dataset(assemble(results), out)
    return root, raw, out, kinds, results, before, raw_state


def test_the_corpus_has_at_least_twenty_kinds(corpus):
    assert len(corpus[3]) >= 20


def test_every_file_has_one_response_row_with_data_or_a_clear_error(corpus):
    _, _, _, kinds, results, _, _ = corpus
    assert sorted(r.response["source_file"] for r in results) == sorted(kinds)
    for r in results:
        resp = r.response
        if resp["parse_status"] == "failed":
            assert resp["error"] and len(resp["error"]) > 15, resp
            assert "internal error" not in resp["error"], f"{resp['source_file']}: {resp['error']}"
            assert not r.incidents


@pytest.mark.parametrize("name,needle", [
    ("bomb.xlsx", "limit"), ("bomb.docx", "limit"), ("many-pages.pdf", "max_pages"),
    ("encrypted.pdf", "password"), ("empty.pdf", "empty"),
])
def test_limits_and_reasons_are_named(corpus, name, needle):
    results = {r.response["source_file"]: r.response for r in corpus[4]}
    assert results[name]["parse_status"] in ("failed", "partial")
    assert needle in results[name]["error"].lower()


def test_readable_tricks_still_give_their_data(corpus):
    results = {r.response["source_file"]: r for r in corpus[4]}
    assert results["really-a-pdf.docx"].response["format"] == "pdf"
    assert results["really-html.xls"].response["format"] == "html"
    assert results["macros.xlsm"].response["parse_status"] in ("ok", "partial")
    assert results["macros.xlsm"].incidents, "the macro-enabled workbook's data must still be read"


def test_no_xxe_or_entity_expansion_reaches_the_output(corpus):
    _, _, out, _, _, _, _ = corpus
    for path in out.iterdir():
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, path.name
            assert b"lollollollol" not in data, path.name


def test_nothing_written_outside_the_output_folder_and_raw_untouched(corpus):
    root, raw, out, _, _, before, raw_state = corpus
    after = {p for p in root.rglob("*")}
    new = {p for p in after - before if out not in p.parents and p != out}
    assert not new, new
    assert {p: p.stat().st_mtime_ns for p in raw.iterdir()} == raw_state
    assert not (root / "escaped.xlsx").exists() and not Path("/escaped.xlsx").exists()


def test_attachment_names_never_become_paths(corpus):
    results = {r.response["source_file"]: r for r in corpus[4]}
    for inc in results["traversal.eml"].incidents:
        assert ".." not in inc["source_file"] and "/etc" not in inc["source_file"]


def test_duplicate_copy_is_marked(corpus):
    import csv

    rows = {r["source_file"]: r for r in csv.DictReader(open(corpus[2] / "responses.csv", encoding="utf-8"))}
    assert rows["copy-b.xlsx"]["duplicate_of"] == "copy-a.xlsx"


def test_no_file_makes_the_pipeline_open_a_network_connection(corpus, monkeypatch):
    import socket

    _, raw, _, kinds, _, _, _ = corpus
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network use is not allowed while reading replies")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    for name in sorted(kinds):
        process_bytes((raw / name).read_bytes(), name, DEFAULT_LIMITS)
    assert attempts == []
