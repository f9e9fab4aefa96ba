/** Blocks (bytes named by their CID) and the sink and source ports they flow through. */
package io.airm.ipfs.block;
