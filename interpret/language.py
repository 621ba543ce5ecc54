"""The one spaCy pipeline the interpreters share, and YAML pattern loading.

Only `spacy.blank("en")` exists here (no trained models), so the pipeline is
the English tokenizer plus the rule-based sentencizer; phrase and token
patterns are data files next to the code that uses them.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import spacy
import yaml
from spacy.language import Language

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def nlp() -> Language:
    """A blank English pipeline with a sentencizer, built once per process."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    """A YAML data file of the interpret package, by file name, read once."""
    with open(PACKAGE_DIR / name, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"interpret/{name} must hold a mapping at the top level")
    return data


def compile_patterns(patterns: list[str], flags: int = re.I) -> list[re.Pattern[str]]:
    """Regular expressions from a YAML list, with the file's meaning: case-insensitive by default."""
    return [re.compile(p, flags) for p in patterns]


_SPACES = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """Whitespace runs (including non-breaking spaces and newlines) as one space, trimmed."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def normalise_quotes(text: str) -> str:
    """Typographic apostrophes and dashes as their ASCII forms, so patterns need one spelling."""
    return (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
            .replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-"))


def sentences(text: str) -> list[tuple[str, int]]:
    """The sentences of `text` with their start offsets, split by the spaCy sentencizer."""
    doc = nlp()(text)
    return [(sent.text, sent.start_char) for sent in doc.sents if sent.text.strip()]
