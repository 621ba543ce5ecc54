"""Stable identifiers, as the contract defines them."""
import hashlib


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def response_id(source_file: str, sha256: str) -> str:
    return hashlib.sha256(f"{source_file}\n{sha256}".encode("utf-8")).hexdigest()[:16]


def incident_id(response_id_: str, source_locator: str) -> str:
    return hashlib.sha256(f"{response_id_}\n{source_locator}".encode("utf-8")).hexdigest()[:16]


def file_sha256(path) -> str:
    """SHA-256 of a file, read in chunks so large files are not held in memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
