"""Coverage-guided fuzzing of ingest, the document model and the whole extraction.

    python scripts/fuzz.py --seconds 120            # atheris (libFuzzer) if installed
    python scripts/fuzz.py --seconds 120 --engine hypothesis

Inputs are bytes; most runs start from a seed (the example report, cut and re-encoded) so the
fuzzer reaches the outline and the extractors rather than stopping at "not a report".  A
`PolicyKGError` is the expected answer to bad input; anything else is a crash, saved to
tests/bad_inputs/regressions/ (tests/test_fuzz_regressions.py replays every file there).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REGRESSIONS = REPO / "tests" / "bad_inputs" / "regressions"
EXAMPLE = REPO / "policykg" / "examples" / "pingliang-2021-12.txt"
_SCRATCH = Path(tempfile.mkdtemp(prefix="policykg-fuzz-"))


def _extractors(ex: object) -> None:
    """Two extractors called on their own, without the steps before them."""
    from policykg.extract.quantities import extract_quantities
    from policykg.extract.tasks import extract_goals

    list(extract_quantities(ex))  # type: ignore[arg-type]
    extract_goals(ex)  # type: ignore[arg-type]


def run_one(data: bytes, full: bool | str = True) -> None:
    """Bytes -> read_text -> document model -> (optionally) every extractor; only PolicyKGError may escape.

    full: True runs policykg.pipeline.extract_text, "extractors" the extractor functions directly,
    False stops after the document model.
    """
    from policykg.extract.document import read_document
    from policykg.extract.errors import PolicyKGError
    from policykg.extract.ingest import read_text

    suffix = ".html" if data[:200].lstrip().lower().startswith((b"<!doctype", b"<html")) else ".txt"
    path = _SCRATCH / f"input{suffix}"
    path.write_bytes(data)
    try:
        raw = read_text(path)
        if full == "extractors":
            _extractors(read_document(raw.text, path.name))
        elif full:
            from policykg.pipeline import extract_text

            extract_text(raw.text, path.name)
        else:
            read_document(raw.text, path.name)
    except PolicyKGError:
        pass


def save_crash(data: bytes, err: BaseException) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    name = f"crash-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path = REGRESSIONS / name
    path.write_bytes(data)
    (REGRESSIONS / (name + ".txt")).write_text(f"{type(err).__name__}: {err}\n", encoding="utf-8")
    return path


def seeds() -> list[bytes]:
    text = EXAMPLE.read_text(encoding="utf-8")
    body = text[: len(text) // 4]
    return [
        text.encode("utf-8"),
        body.encode("utf-8"),
        body.encode("gb18030"),
        ("<html><body>" + "".join(f"<p>{ln}</p>" for ln in body.splitlines()) + "</body></html>").encode(),
        body.replace("\n", "\r\n").encode("utf-8"),
    ]


def fuzz_atheris(seconds: int, full: bool | str) -> int:
    import atheris

    corpus = _SCRATCH / "corpus"
    corpus.mkdir()
    for i, seed in enumerate(seeds()):
        (corpus / f"seed{i}").write_bytes(seed)

    def target(data: bytes) -> None:
        try:
            run_one(data, full)
        except Exception as err:
            print(f"crash saved to {save_crash(data, err)}", file=sys.stderr)
            raise

    with atheris.instrument_imports():
        import policykg.extract.document
        import policykg.extract.ingest
        import policykg.extract.normalise
        import policykg.extract.structure

        if full:
            import policykg.extract.quantities
            import policykg.extract.tasks  # noqa: F401
    atheris.Setup(
        [sys.argv[0], f"-max_total_time={seconds}", "-max_len=200000", "-rss_limit_mb=4096", str(corpus)],
        target,
    )
    atheris.Fuzz()
    return 0


def mutate(rng: random.Random, pool: list[bytes]) -> bytes:
    """One random edit of a seed: cuts, byte flips, splices of another seed, inserted breaks, truncation."""
    data = bytearray(rng.choice(pool))
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            del data[pos : pos + rng.randint(1, 4000)]
        elif op == 1 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 2:
            other = rng.choice(pool)
            start = rng.randrange(len(other))
            data[pos:pos] = other[start : start + rng.randint(1, 3000)]
        elif op == 3:
            data[pos:pos] = rng.choice([b"\r", b"\n", "一、".encode(), "(一)".encode(), "。".encode(), b"<p>", b"\x00"])
        else:
            data = data[: rng.randrange(len(data) + 1)]
    return bytes(data)


def fuzz_hypothesis(seconds: int, full: bool | str) -> int:
    """Fallback without atheris: random edits of the seeds (cuts, byte flips, re-encodings, splices)."""
    rng = random.Random(0)
    pool = seeds()
    deadline, runs, crashes = time.monotonic() + seconds, 0, 0
    while time.monotonic() < deadline:
        data = mutate(rng, pool)
        runs += 1
        try:
            run_one(data, full)
        except Exception as err:
            crashes += 1
            print(f"crash {type(err).__name__}: {err} -> {save_crash(data, err)}", file=sys.stderr)
    print(f"{runs} runs, {crashes} crashes", file=sys.stderr)
    return 1 if crashes else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="fuzz ingest + document model + extraction")
    ap.add_argument("--seconds", type=int, default=120)
    ap.add_argument("--engine", choices=("atheris", "hypothesis"), default="atheris")
    ap.add_argument(
        "--target",
        choices=("pipeline", "extractors", "document"),
        default="pipeline",
        help="every extraction step, two extractors on their own, or the document model only",
    )
    args = ap.parse_args(argv)
    if args.engine == "atheris":
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed; using the random-mutation fallback", file=sys.stderr)
            args.engine = "hypothesis"
    run = fuzz_atheris if args.engine == "atheris" else fuzz_hypothesis
    full = {"pipeline": True, "extractors": "extractors", "document": False}[args.target]
    return run(args.seconds, full)


if __name__ == "__main__":
    sys.exit(main())
