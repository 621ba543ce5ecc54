"""Loaded once in the reader processes' forkserver, before any reader is forked.

Readers (foi/isolation.py) fork from a forkserver that imports this module, so
the pipeline's modules, rule tables and spaCy models are loaded once and the
pages holding them are shared by every reader instead of being loaded ~300 MiB
per reader. `gc.freeze()` then moves those objects out of the collector's
reach: a collection in a reader would otherwise touch them and copy the pages.
"""
import gc
import logging

from classifier import ModelMissingError, load_model
from foi.pipeline import process_bytes
from foi.settings import DEFAULT_LIMITS

log = logging.getLogger(__name__)


def _preload() -> None:
    for task in ("cause", "outcome"):
        try:
            load_model(task)
        except ModelMissingError as exc:  # reported per file by the readers, as without preloading
            log.warning("%s", exc)
    # one small reply through every stage, so lazily built tables and caches exist before the fork
    process_bytes(b"Our ref: FOI 1\nIn 2012 one member of staff sent an email to the wrong person.\n"
                  b"Outcome: written warning.\n", "preload.txt", DEFAULT_LIMITS)


try:
    _preload()
except Exception:  # an error here would stop the forkserver and every reader; readers load lazily instead
    log.exception("preloading the readers failed")
gc.freeze()
