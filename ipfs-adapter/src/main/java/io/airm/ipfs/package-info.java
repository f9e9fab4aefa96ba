/**
 * Content addressing for AIRM: CIDs, blocks, block stores and a UnixFS importer that reproduces
 * {@code ipfs add}.
 *
 * <p>Sub-packages follow the IPFS concepts: {@code multiformats} (varint, multibase), {@code cid},
 * {@code block}, {@code blockstore}, {@code dagpb} and {@code unixfs}. All failures are subclasses
 * of {@link io.airm.ipfs.IpfsException}.
 */
package io.airm.ipfs;
