"""Property-based fuzzing: mutated real replies never crash an extractor.

Each example truncates, flips bytes in, or splices a real sample file and runs
it through detection and extraction. The only acceptable outcomes are a
Document or one of our typed ExtractionErrors. Bounded for CI (a few seconds
per format); `scripts/fuzz.py` runs the same property for as long as you like.
Any crash found becomes a named case in tests/cases_fuzz/ (see test below).
"""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.document import Document
from extractors.errors import ExtractionError
from extractors.registry import Source, read_document
from foi.settings import DEFAULT_LIMITS
from tests.conftest import SAMPLES

SEEDS = {
    "pdf": "derbyshire-cc/FOI_response_2014-1187.pdf",
    "xlsx": "leeds-cc/14-0932 Data Protection Breaches 2011-2014.xlsx",
    "xls": "bristol-cc/CRN1402773_DP_breaches.xls",
    "html": "lewisham/FOI_Export_IG_Incidents.xls",
    "csv": "cheshire-east/FOI_4562_breaches.csv",
    "docx": "cardiff/FOI08842 Response.docx",
    "eml": "west-yorkshire-police/FOI 1407-14 Response.eml",
    "txt": "thames-valley-police/0912-2014 response.txt",
}
LIMITS = DEFAULT_LIMITS.with_overrides(max_pages=20, per_file_seconds=10)
REGRESSIONS = Path(__file__).parent / "cases_fuzz"


@st.composite
def mutated(draw, data: bytes) -> bytes:
    how = draw(st.sampled_from(["truncate", "flip", "splice"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if how == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 16))):
            pos = draw(st.integers(0, len(out) - 1))
            out[pos] = draw(st.integers(0, 255))
        return bytes(out)
    a = draw(st.integers(0, len(data)))
    b = draw(st.integers(0, len(data)))
    chunk = draw(st.binary(max_size=64))
    return data[:a] + chunk + data[b:]


def read_safely(data: bytes, name: str):
    try:
        return read_document(Source(data=data, source_file=name, limits=LIMITS))
    except ExtractionError as exc:
        return exc


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mutated_files_give_a_document_or_a_typed_error(fmt):
    seed = (SAMPLES / "files" / SEEDS[fmt]).read_bytes()
    name = "fuzzed." + SEEDS[fmt].rsplit(".", 1)[-1]

    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutated(seed))
    def prop(data):
        result = read_safely(data, name)
        assert isinstance(result, (Document, ExtractionError))

    prop()


@pytest.mark.parametrize("case", sorted(REGRESSIONS.glob("*")) if REGRESSIONS.exists() else [],
                         ids=lambda p: p.name)
def test_fuzz_regressions_stay_fixed(case):
    assert isinstance(read_safely(case.read_bytes(), case.name), (Document, ExtractionError))
