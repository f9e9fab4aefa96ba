/** Block stores: the {@code BlockStore} port and its on-disk and in-memory implementations. */
package io.airm.ipfs.blockstore;
