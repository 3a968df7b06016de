"""The fuzz targets of benchmarks/fuzz.py on the inputs their runs kept (issue 7).

benchmarks/fuzz.py ran ``scan`` for 31,804 inputs and the JSONL reader for 105,113
(atheris 3.0, libFuzzer) without a crash; the inputs below are the largest of the
corpora those runs grew, replayed here through the same invariant checks, plus the
inputs that broke the harness or the reader while the runs were set up.
"""

from __future__ import annotations

import base64
import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("fuzz", Path(__file__).parents[1] / "benchmarks" / "fuzz.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

# Kept by the libFuzzer runs (base64 of the raw fuzz bytes; the first byte picks the decoding).
SCAN_CORPUS = [
    "dGEgd28gdGhhdCsgKEtLIMFLdGEgd28AUmVhZCBtb3JlKEtLIMFlbiRNb25kYXkgdGhhdCsgdGEgd28gdGhhdCsgKEtLIMFLdGEgd29zdQ==",
    "R1cTV0dHVxNXR1kpAQAAAAAAAAgAAAAiAAAAWVcK2F9XR1cTV0NLV0suIFdLV0suIFdHR1lXCldfAPYpawpHVxNXR1lXCldfAABZVwpXXw==",
    "R1cTV0dHVxNXR1kpAQAAAAAAAAgAAAAiAAAAWVcK2F9XR1cTV0NLV0suIFdHR1lXCldfAPYpawojaAo6VxNHVxNXR1lXCldfAABZVwpXXw==",
    "ATAKTwAAAABXra2traytUq1HMAEKCgEpKwoAV62tra2sra1SRwoAV0cKATAKASkrCgBXAFetrQEAAABXRwoBMAoBKSsKAFcAV62tAQAAAA==",
    "AEtpbSBKb25nIFlvIG1ldCBLaW0gWW8gSm9uZy4NCg0KU2hhcmUgdGhpcwlDbGljayBtZXQgS2ltIFlvIEpvbmcuDWxlLmNvbS9hP2I9MQ==",
    "bHB0ZwBkacEoSyBLS6zihKJ0IGNhZsODwqkgw6LigqzF8JNxdW90ZWTDomFSZeKCrMKdCgooYVJlcAAAAE9udHAb/RvmAXp6dmcg/QBiCw==",
]
JSONL_CORPUS = [
    "AHt7ImlkIjp9CgAAIAoAIAp7fQoiaWRkIjp9CgAAIAoAIAp7fQoiaWT1hIIgCnt9CiJpZCIKAwIKe30KXQAAIAp7fQoiaWQDAA57fSAKe30KIoIgCnt9CiJpCgAAfQoAAAAgfQoAACAKe30KImlk9YR9CgAAIAp7fQoiCiAKe30KIgp7fQoiCnt9CiJpZCIKAwIKe30KXQAAIAp7fQoiaWQDAA57fSAKe30KIoIbIAp7fQoiaYIgCnt9CiJpZCIKAwIKe30KAQAKImlkIgoDAgp7fQoAACAKe30KIgogCnt9CiIKe30KIgp7fQoiaWQiCgMCCnt9Cl0AACAKe30KImlkAwAOe30gCnt9CiKCGyAKe30KImlkIgoDAgp7fQoAAH0KAAAAIAp7fQoiaWT1hIIgCnt9CiJpZCIKAwIKe30KAAAgCnt9CiJpZCI8CmU=",
    "AHsiYGQOIn0KCnMKeyJ9CiJ9CnsiAAAKbgAKAH0gIgpzCnsifQofIn0KeyIAAApuAApvIGl9CnN9CiJ9CnsOIn0KCiJ9CiJ9Cm4ACgB9ICIKcwp7In0KHyJ9CnsiAAAKbgAKbyBpfQpzfQoifQp7DiJ9CgoifQoifQp7IgAACm4ACv//aX0KcwpvIGl9CgpzCnsifQoifQp7IgAACm4ACgB9ICIKcwp7In0KHyJ9CnsiAAAKbgAKbwp7IgAACm4ACv//aX0KcwpvIGl9CgpzCnsifQoifQp7IgAACm4ACgB9ICIKcwp7In0KHyJ9CnsiAAAKbgAKbyBpfQpzfQoifQp7c30KIn0KIgB9CiJ9CiIAAApbIn0KaXRl",
    "AHt7ImlkIjp9CgAAIAoAIAp7fQoiaWT1hIIgCnt9CiJpZCIKAwIKe30KXQAAIAp7fQoiaWQDAA57fSAKe30KIoIgCnt9CiJpCgAAfQoAAAAgfQoAACAKe30KImlk9YSCIAp7fQoiaWQiCgMCCnt9CgAACiJpZCIKAwIKe30KAAAgCnt9CiIKIAp7fQoiCnt9CiIKe30KImlkIgoDAgp7fQpdAAAgCnt9CiJpZAMADnt9IAp7fQoigiAKe30KImlkIgoDAgp7fQoAAH0KAAAAIAp7fQoiaWT1hIIgCnt9CiJpZCIKAwIKe30KAAAgCnt9CgMCCnt9CgAAIAp7fQoiCnt9CiJpZCI8CmU=",
    "MTR9CjAyfQoxNH0KNDJ9CjSD+zD/RAoxNH0KAAAgCnt9CiJpZPV+giAKNH0KNDR9Cjh7fQoiaWQiCgN7fSAKe30KeyJpZDE0fQo0Mn0KNIP7MP9ECjE0fQoAACAKe30iOn0KAAAgCnt9CiJpZPWEgiAKe30KImlkIgoDAgp7fQoAACAKe30KIn0KImlk9YSCIAp7fQoiNH0KNDJ9CjSDCnt9CiJpZPWEgiAKe30KImlkIgoDAgp7fQoAACAKe30KIn0KImlk9YSCIAp7fQoiaWQiCgMACnt9CgB9CgAgCnt9CiIKe30KImlkIjwKZQ==",
]
# A run of 2026-12-07: a UTF-8 corpus opening "\x01\0\0\0{" was taken for unmarked UTF-32 (inputs._unmarked_wide).
UNMARKED_WIDE_CRASH = ("BQEAAAB7ImkiOiAiQWdhaW4uIn0KCnsidGXddCI6ICJObyBpZFQAAAAA/gAAImlkIjogImIiLCJ9CgoBeyIvImlkIjogImIiLCIK"
                       "CgF7ImlkIjp7")
# A .jsonl.gz whose text opens with gzip's magic bytes: decompressed twice before the fix, one error for 3 lines.
GZIP_IN_GZIP_CRASH = ("AR+LeyJpZCI6IOXl5eVleHJzdC4ifQp7bm90////////////////IGpzT24KWzEsIjIBeyJpZCI6ICJhIiwgInRleHQiOiAi"
                      "Rmlyc3QuIl0=")
UNMARKED_WIDE_CRASH_2 = "AHsAAAAAAAAACCJpZCIAAGFm6SJ9CiJqdXN0IGEgInJzdGcKbmludWxsCg=="  # "{\0\0\0\0\0\0\0\x08..."
# A run of 2026-12-08: a UTF-16-BE mark, then text that stops decoding: one error for the rest, which the harness
# counted in bytes (14 lines).
WIDE_CUT_SHORT = "//7/AHt0LiJ9Cnsx/woKezH/CgoKDm51CjEO/woKbAoKbAoObnUKDm51bGwKCmxsCg5udQoObnVsbnVsbApsbAoKFG4="
# A run of 2026-12-08: gzip's magic and a header whose extra field (5,585 bytes) claims the rest of a plain .jsonl,
# read as one gzip stream cut short: one error for its 25 lines.
GZIP_EXTRA_FIELD_CRASH = ("AB+LCAQAAAAAANEVewEKAAAAAApuCm9zCDEsIDJdAApuCgAAEAAKbgpvcwgxCi4idCAKAAAAAApuChAACm4KAAAQAApuCm9zCDEK"
                          "LiJ0IAoAAAAACm4Kb3MIMSwgMl0ACm4KAAAQAApuCm9zCDEKLiJ0IAo=")
# The first smoke run: surrogatepass is strict about other bad bytes, so the harness crashed.
HARNESS_CRASH = b"\x00BREAKING: Joe Biden\x80\xac said the the plan."


@pytest.mark.parametrize("data", [b"", HARNESS_CRASH, *(b"\x00" + t.encode() for t in fuzz.SEED_TEXTS),
                                  *(bytes([i]) + HARNESS_CRASH[1:] for i in range(len(fuzz.DECODINGS))),
                                  *map(base64.b64decode, SCAN_CORPUS)])
def test_scan_target_holds_its_invariants(data: bytes) -> None:
    fuzz.scan_target(data)


@pytest.mark.parametrize("data", [b"", b"\x01", *(b"\x00" + s for s in fuzz.SEED_JSONL),
                                  *(b"\x01" + s for s in fuzz.SEED_JSONL),
                                  b"\x00" + b"[" * 50_000 + b"\n{}\n",  # RecursionError before the fix
                                  # control bytes and zeros first, read as UTF-32 before the fix: one error, 4 lines
                                  base64.b64decode(UNMARKED_WIDE_CRASH), base64.b64decode(UNMARKED_WIDE_CRASH_2),
                                  b"\x00\x00\x00\x00\n",  # one UTF-32-BE character, taken for a corpus of it
                                  base64.b64decode(GZIP_IN_GZIP_CRASH),
                                  base64.b64decode(GZIP_EXTRA_FIELD_CRASH),
                                  # a UTF-16 mark, "[", a 0x0A byte inside a character, half a code unit: one line to
                                  # the reader, two to the harness, which counted lines in bytes
                                  b"\x00\xff\xfe[\x00\x00\xe6\n!\x1f",
                                  base64.b64decode(WIDE_CUT_SHORT),  # the same, gzipped, in UTF-16-BE: 1 item, 14 lines
                                  b"\x00\x1f\x8bid\": 1}\n\n{\"text\": \"No id.\"}\n",  # gzip's magic, then no gzip
                                  b"\x00{\x00i\x00\"c\"}\n\x17=\xff=",  # "{i" in UTF-16, then no UTF-16
                                  b"\x01\n\x00\x00\x00<\x00\x00\x00J\no\"\n[\n",  # "\n<" in UTF-32, gzipped
                                  b"\x00{\x00\x00\x00@\x00\x00\x00" + b"\x00" * 30 + b"\"id\": 1}\n\x01\n",  # "{@" in UTF-32
                                  b"\x01\xfe\xff\x002\x01{o\n\x1f\x1f \ncc\"\n/\n?\x00\"c\n{  \ncc\"\n/\nc",  # a mark, then garbage
                                  *map(base64.b64decode, JSONL_CORPUS)])
def test_jsonl_target_holds_its_invariants(tmp_path: Path, data: bytes) -> None:
    fuzz.JsonlTarget(tmp_path)(data)
