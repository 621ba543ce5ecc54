"""Deterministic synthetic corpus of FOI replies with gold labels.

    generate(n, out_dir, seed)   out_dir/files/... + out_dir/gold.json
    write_samples(out_dir)       the sample replies committed in raw/
    main(argv)                   `foi synth N --out DIR --seed S`

The content model (model.py, content.py, layouts.py, archetypes.py) decides what
a reply says and what its gold labels are; one renderer per format lays it out.
"""
from foi.synth.command import main
from foi.synth.corpus import generate, write_samples

__all__ = ["generate", "write_samples", "main"]
