#!/usr/bin/env python3
# Recomputes, with hashlib only, the RFC 6962 known answers pasted into test/Rfc6962.t.sol: the leaf hashes and
# Merkle tree hashes (MTH) of the first n Certificate Transparency test leaves, and a few audit paths (PATH, RFC 6962
# section 2.1.1). Run: python3 test/vectors/rfc6962_vectors.py

import hashlib
def H(b): return hashlib.sha256(b).digest()
def leaf(d): return H(b'\x00'+d)
def node(l,r): return H(b'\x01'+l+r)
def k_of(n):
    k=1
    while k*2<n: k*=2
    return k
def mth(D):
    n=len(D)
    if n==0: return H(b'')
    if n==1: return leaf(D[0])
    k=k_of(n); return node(mth(D[:k]), mth(D[k:]))
def path(m,D):
    n=len(D)
    if n==1: return []
    k=k_of(n)
    if m<k: return path(m,D[:k])+[mth(D[k:])]
    return path(m-k,D[k:])+[mth(D[:k])]
D=[bytes.fromhex(x) for x in ["","00","10","2021","3031","40414243","5051525354555657","606162636465666768696a6b6c6d6e6f"]]
for i,d in enumerate(D): print("leafhash",i,leaf(d).hex())
for n in range(1,9): print("root",n,mth(D[:n]).hex())
for (m,n) in [(0,8),(5,8),(2,3),(1,5),(4,5),(6,7)]:
    print("path",m,n,[p.hex() for p in path(m,D[:n])])
