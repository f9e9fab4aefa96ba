/**
 * RFC 6962 (Certificate Transparency) Merkle trees over SHA-256, stored as perfect subtrees.
 *
 * <p>A log's storage implements {@link io.airm.chain.merkle.SubtreeHashes} and, in the transaction
 * that appends a leaf, writes the nodes {@link
 * io.airm.chain.merkle.MerkleTree#nodesToStoreOnAppend} returns. {@link
 * io.airm.chain.merkle.MerkleTree} then computes tree heads and inclusion and consistency proofs
 * from those nodes with O(log n) lookups each, and clients check the proofs with {@link
 * io.airm.chain.merkle.MerkleVerifier}, which needs no storage. {@link
 * io.airm.chain.merkle.InMemorySubtreeHashes} is the same log in memory, and {@link
 * io.airm.chain.merkle.Rfc6962} holds the hash functions and the reference Merkle Tree Hash.
 */
package io.airm.chain.merkle;
