/**
 * UnixFS files: an importer that reproduces {@code ipfs add} byte for byte, and a reader that
 * streams a file back from its blocks, verifying each one.
 */
package io.airm.ipfs.unixfs;
