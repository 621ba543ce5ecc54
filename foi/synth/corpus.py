"""Writing a labelled synthetic corpus: CORPUS/files/... and CORPUS/gold.json.

Deterministic by seed: each file gets its own random generator seeded from
(seed, index), authorities are dealt from a seeded shuffle of the register
excerpt, and every renderer fixes the timestamps its format would otherwise
take from the clock.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from foi.synth.archetypes import ARCHETYPES, builder
from foi.synth.content import Composer, authority_pool, slug
from foi.synth.model import Authority, Reply
from foi.synth.render import render

POLICE_SHARE = 0.35  # a campaign writes to every force, and there are far fewer forces than councils

# The sample replies committed in raw/: one of each kind a researcher meets.
SAMPLE_SEED = 2014
SAMPLE_ARCHETYPES = (
    "pdf_letter_ruled", "pdf_letter_unruled", "pdf_long_table", "pdf_scanned", "xlsx_listing",
    "xlsx_crosstab_suppressed", "xls_listing", "html_xls", "ods_listing", "csv_listing", "docx_letter_table",
    "docx_bullets", "eml_inline", "eml_attachment", "txt_numbered", "pdf_refusal", "eml_not_held", "broken_empty",
    "broken_truncated_pdf",
)


def allocate(n: int, rng: random.Random) -> list[str]:
    """Archetype names for n files in campaign-like proportions, in a seeded order.

    Largest-remainder quotas on the weights; once n allows it every archetype
    appears at least once, so a corpus of 40 covers every format.
    """
    total = sum(a.weight for a in ARCHETYPES)
    if n < len(ARCHETYPES):
        names = rng.choices([a.name for a in ARCHETYPES], weights=[a.weight for a in ARCHETYPES], k=n)
        return names
    quotas = {a.name: max(1, int(n * a.weight / total)) for a in ARCHETYPES}
    remainders = sorted(ARCHETYPES, key=lambda a: (-(n * a.weight / total) % 1, a.name))
    i = 0
    while sum(quotas.values()) < n:
        quotas[remainders[i % len(remainders)].name] += 1
        i += 1
    while sum(quotas.values()) > n:  # the minimum of one each can overshoot; trim the largest
        biggest = max(quotas, key=lambda k: (quotas[k], k))
        quotas[biggest] -= 1
    names = [name for name, q in quotas.items() for _ in range(q)]
    rng.shuffle(names)
    return names


class AuthorityDealer:
    """Deals authorities without repeats until the pool runs out, then reshuffles."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.decks: dict[str, list[Authority]] = {"council": [], "police": []}

    def deal(self) -> Authority:
        kind = "police" if self.rng.random() < POLICE_SHARE else "council"
        if not self.decks[kind]:
            deck = [a for a in authority_pool() if a.type == kind]
            self.rng.shuffle(deck)
            self.decks[kind] = deck
        return self.decks[kind].pop()


def build_reply(archetype: str, authority: Authority, seed: int, index: int) -> Reply:
    c = Composer(random.Random(f"foi-synth:{seed}:{index}"), authority)
    return builder(archetype)(c)


def relative_path(reply: Reply, taken: set[str]) -> str:
    folder = "unsorted" if reply.parse_status == "failed" or reply.authority is None else slug(reply.authority.name)
    stem, dot, ext = reply.filename.rpartition(".")
    path, k = f"{folder}/{reply.filename}", 2
    while path in taken:
        path = f"{folder}/{stem} ({k}){dot}{ext}"
        k += 1
    taken.add(path)
    return path


def require_empty(folder: Path) -> None:
    """Refuse to write over an earlier corpus: its stale files would be read but not labelled."""
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty; remove it or choose another folder")


def write_corpus(archetypes: list[str], files_dir: Path, seed: int, corpus_name: str) -> dict:
    """Render the replies into files_dir (which must be empty or absent); return the gold.json document."""
    require_empty(files_dir)
    rng = random.Random(f"foi-synth:{seed}:corpus")
    dealer = AuthorityDealer(rng)
    taken: set[str] = set()
    gold_files: dict[str, dict] = {}
    for index, name in enumerate(archetypes):
        reply = build_reply(name, dealer.deal(), seed, index)
        rel = relative_path(reply, taken)
        target = files_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(reply))
        gold_files[rel] = reply.to_gold()
    return {"corpus": corpus_name, "files": dict(sorted(gold_files.items()))}


def dump_gold(gold: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def generate(n: int, out_dir: Path, seed: int) -> None:
    """Write n synthetic replies to out_dir/files/ and their labels to out_dir/gold.json."""
    if n < 0:
        raise ValueError("the number of files must be zero or more")
    out_dir = Path(out_dir)
    names = allocate(n, random.Random(f"foi-synth:{seed}:allocate"))
    gold = write_corpus(names, out_dir / "files", seed, f"synthetic seed={seed} n={n}")
    dump_gold(gold, out_dir / "gold.json")


def write_samples(out_dir: Path, gold_path: Path | None = None, readme: Path | None = None) -> dict:
    """Write the committed sample replies (one per kind) into out_dir; return their gold.

    The gold goes to gold_path when given (tests/raw_gold.json), never inside
    out_dir: raw/ is an input folder and every file in it is ingested.
    `readme` is where the listing of the files and their traps goes
    (tests/raw_samples.md), outside out_dir for the same reason.
    """
    out_dir = Path(out_dir)
    gold = write_corpus(list(SAMPLE_ARCHETYPES), out_dir, SAMPLE_SEED, "raw samples")
    if gold_path is not None:
        dump_gold(gold, Path(gold_path))
    if readme is not None:
        Path(readme).write_text(samples_readme(gold), encoding="utf-8")
    return gold


def samples_readme(gold: dict) -> str:
    lines = ["# Sample FOI replies (synthetic)", "",
             "Generated by `foi.synth.write_samples` (seed fixed in `foi/synth/corpus.py`); do not edit by hand.",
             "Every incident is invented; authority names come from the register. The gold labels are in",
             "`tests/raw_gold.json` (format: shared/spec/gold-format.md), not here, because every file in",
             "this folder is ingested.", "",
             "Regenerate: `rm -r raw && .venv/bin/python -m foi.synth 0 --samples --out raw --gold tests/raw_gold.json`", "",
             "One line per file: path - format - incidents - what to watch for.", ""]
    for path, entry in gold["files"].items():
        lines.append(f"- `{path}` - {entry['format']} - {len(entry['incidents'])} incident rows - {entry['notes']}")
    return "\n".join(lines) + "\n"


__all__ = ["generate", "write_samples", "allocate", "build_reply", "SAMPLE_ARCHETYPES"]
