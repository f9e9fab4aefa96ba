#!/usr/bin/env python3
"""Writes valuation/examples/input.json: a realistic, deterministic example of a valuation input.

A dissertation with citations, a near-copy of it registered later, short social posts with about
the same total word count as the dissertation, essays, technical notes with code, spam, binary
works, co-created works, int8 embeddings with topic labels, labelled probes, and credential
statements signed (EIP-191) by the example model's trusted issuer with `cast wallet sign`.
Run from the repository root after `mvn -pl contracts package` (for cast):
    python3 valuation/examples/generate_input.py
"""
import base64, hashlib, json, random, subprocess

CAST = "contracts/node_modules/@foundry-rs/cast-linux-amd64/bin/cast"
# anvil's public dev accounts (keys published by Foundry); never use them outside development
ISSUER_KEY = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"  # account 9
UNTRUSTED_KEY = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"  # account 8
CREATORS = [
    "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
    "0x90f79bf6eb2c4f870365e785982e1f101e93b906", "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
    "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc", "0x976ea74026e726554db657fa54763abd0c3a0aa9",
    "0x14dc79964da2c08b23698b3d3cc7ca32193d9955"]
rng = random.Random(20261128)

def wid(n):
    return "0x" + hashlib.sha256(("airm example work %d" % n).encode()).hexdigest()

def emb(center, noise):
    return [max(-127, min(127, c + rng.randint(-noise, noise))) for c in center]

def b64(values):
    return base64.b64encode(bytes((v + 256) % 256 for v in values)).decode()

D = 32
centers = [[rng.randint(-90, 90) for _ in range(D)] for _ in range(4)]  # four topics

DISSERTATION = open("valuation/examples/texts/dissertation.md").read()
ESSAYS = [open("valuation/examples/texts/essay-%d.md" % i).read() for i in range(1, 4)]
NOTES = [open("valuation/examples/texts/note-%d.md" % i).read() for i in range(1, 3)]
POSTS = [l.strip() for l in open("valuation/examples/texts/posts.txt") if l.strip()]
SPAM = open("valuation/examples/texts/spam.txt").read()

def near_copy(text):
    words = text.split(" ")
    for i in range(0, len(words), 97):
        words[i] = words[i].upper()
    return " ".join(words).replace("we show", "it is shown").replace("Abstract", "Summary")

works, n = [], 0
def add(kind, body, creator, topic, payees=None, parents=(), credentials=(), noise=12, center=None):
    global n
    work = {"workId": wid(n), "logIndex": n, "creator": creator, "kind": kind,
            "payees": payees or [{"account": creator, "sharesBps": 10000}],
            "parents": list(parents), "signed": True, "contentRetrievable": True,
            "embedding": b64(emb(center or centers[topic], noise)), "label": topic,
            "credentials": list(credentials)}
    if kind == "text":
        work["text"] = body
    else:
        work["dataBase64"] = base64.b64encode(body).decode()
    works.append(work)
    n += 1
    return work

def credential(key, issuer, subject, claim, field):
    statement = {"type": "AIRMCredential", "issuer": issuer, "subject": subject, "claim": claim,
                 "field": field, "issuedAt": 1767225600, "expiresAt": 1893456000}
    message = json.dumps(statement, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    signature = subprocess.check_output([CAST, "wallet", "sign", "--private-key", key, message]).decode().strip()
    return {"statement": statement, "signature": signature}

issuer = subprocess.check_output([CAST, "wallet", "address", "--private-key", ISSUER_KEY]).decode().strip().lower()
untrusted = subprocess.check_output([CAST, "wallet", "address", "--private-key", UNTRUSTED_KEY]).decode().strip().lower()

scholar = CREATORS[0]
diss = add("text", DISSERTATION, scholar, 0, credentials=[
    credential(ISSUER_KEY, issuer, scholar, "PhD, Materials Physics", "materials-physics"),
    credential(UNTRUSTED_KEY, untrusted, scholar, "Nobel laureate", "materials-physics")])
for i, essay in enumerate(ESSAYS):
    add("text", essay, CREATORS[1 + i % 3], 1 + i % 3, parents=[diss["workId"]] if i == 0 else [])
co = add("text", NOTES[0], CREATORS[2], 2, payees=[
    {"account": CREATORS[2], "sharesBps": 6000}, {"account": CREATORS[3], "sharesBps": 4000}])
add("text", NOTES[1], CREATORS[3], 2)
for i, post in enumerate(POSTS):
    add("text", post, CREATORS[4 + i % 3], 3, noise=20)
add("text", SPAM, CREATORS[6], 3, noise=5)
for i in range(4):
    size = 2048 + 1024 * i
    add("binary", bytes(rng.getrandbits(8) for _ in range(size)), CREATORS[1 + i], 1, noise=25)
# the near-copy, registered last, by someone else; its embedding sits almost on the original's
diss_embedding = [b - 256 if b > 127 else b for b in base64.b64decode(diss["embedding"])]
add("text", near_copy(DISSERTATION), CREATORS[5], 0, noise=2, center=diss_embedding)

probes = []
for i in range(40):
    topic = i % 4
    probes.append({"id": "probe-%02d" % i, "embedding": b64(emb(centers[topic], 30)), "label": topic})

document = {
    "format": "airm-valuation-input/1",
    "referenceTime": 1790000000,
    "pool": {"id": "example-pool-1", "amountWei": "1000000000000000000"},
    "knownWorks": [],
    "creatorRecords": {scholar: {"earlierWorks": 4}},
    "works": works,
    "influence": {"method": "knn-shapley", "probes": probes},
}
with open("valuation/examples/input.json", "w") as f:
    json.dump(document, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("wrote valuation/examples/input.json with %d works, %d probes" % (len(works), len(probes)))
