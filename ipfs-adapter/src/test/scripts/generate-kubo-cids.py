#!/usr/bin/env python3
"""Regenerates the golden rows of src/test/resources/io/airm/ipfs/unixfs/kubo-default-cids*.tsv.

Writes each file with SplitMix64 (numpy, independent of the Java test generator), hashes it with
hashlib and asks /usr/bin/ipfs_cid (Debian package ipfs-cid) for its CIDs. Prints TSV rows:
size, seed, sha256, cidv0, cidv1_of_same_dag. Usage: generate-kubo-cids.py [--one-gib]
"""
import hashlib
import json
import random
import subprocess
import sys
import tempfile

import numpy as np

G = np.uint64(0x9E3779B97F4A7C15)
M1 = np.uint64(0xBF58476D1CE4E5B9)
M2 = np.uint64(0x94D049BB133111EB)
STEP = 1 << 24  # bytes per numpy batch; a multiple of 8 so batches join seamlessly


def splitmix_bytes(seed, first_output, size):
    """size bytes of SplitMix64(seed), starting at output number first_output (0-based)."""
    n = (size + 7) // 8
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + G * (np.arange(1, n + 1, dtype=np.uint64) + np.uint64(first_output))
        z = (z ^ (z >> np.uint64(30))) * M1
        z = (z ^ (z >> np.uint64(27))) * M2
        z = z ^ (z >> np.uint64(31))
    return z.astype("<u8").tobytes()[:size]


def row(size, seed):
    sha = hashlib.sha256()
    with tempfile.NamedTemporaryFile() as f:
        for offset in range(0, size, STEP):
            data = splitmix_bytes(seed, offset // 8, min(STEP, size - offset))
            sha.update(data)
            f.write(data)
        f.flush()
        out = subprocess.run(["ipfs_cid", f.name], capture_output=True, text=True, check=True)
    cids = json.loads(out.stdout)
    return f"{size}\t{seed}\t{sha.hexdigest()}\t{cids['CIDv0']}\t{cids['CIDv1']}"


def main():
    assert splitmix_bytes(0, 0, 16).hex() == "afcd1d7b39a820e2f465b9a16a9e786e"
    if sys.argv[1:] == ["--one-gib"]:
        print(row(1 << 30, 4242))
        return
    c = 262144
    sizes = [0, 1, 2, 7, 255, 256, 1000, 4096, 65536, c - 1, c, c + 1, 2 * c, 2 * c + 1,
             1000000, 173 * c, 174 * c - 1, 174 * c, 174 * c + 1, 175 * c, 256 * c]
    rnd = random.Random(20240601)
    sizes += [rnd.randrange(1, 64 * 1024 * 1024) for _ in range(3)]
    for i, size in enumerate(sizes):
        print(row(size, 1000 + i))


if __name__ == "__main__":
    main()
