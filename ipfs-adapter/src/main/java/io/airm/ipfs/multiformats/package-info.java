/**
 * The multiformats encodings that CIDs are built from: unsigned varints and the base32 and
 * base58btc multibases.
 */
package io.airm.ipfs.multiformats;
