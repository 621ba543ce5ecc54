"""Run settings from `foi.yaml` (or --config), overridden by command-line options."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from foi.settings import Limits

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "foi.yaml"


@dataclass
class RunConfig:
    input_dir: Path = Path("raw")
    out_dir: Path = Path("out")
    state_dir: Path | None = None
    deployment: str = "ingest-nightly"
    cron: str = "0 2 * * *"
    timezone: str = "Europe/London"
    task_runner: str = "threads"
    max_workers: int = 2
    dask_address: str | None = None
    limits: dict[str, float] = field(default_factory=dict)
    corrections: Path | None = None


def load_config(path: Path | None = None) -> RunConfig:
    """Read a YAML settings file; unknown keys are an error naming the key."""
    path = Path(path) if path else DEFAULT_CONFIG
    if not path.exists():
        if path == DEFAULT_CONFIG:
            return RunConfig()
        raise FileNotFoundError(f"config file not found: {path}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    base = path.resolve().parent
    serve = raw.pop("serve", {}) or {}
    cfg = RunConfig()
    known = set(RunConfig.__dataclass_fields__)
    for key, value in {**raw, **serve}.items():
        if key not in known:
            raise ValueError(f"{path}: unknown setting {key!r}; known: {', '.join(sorted(known))}")
        setattr(cfg, key, value)
    for key in ("input_dir", "out_dir", "state_dir", "corrections"):
        value = getattr(cfg, key)
        if value is not None:
            setattr(cfg, key, (base / value) if not Path(value).is_absolute() else Path(value))
    Limits().with_overrides(**cfg.limits)  # fail early on a misspelt limit
    return cfg
