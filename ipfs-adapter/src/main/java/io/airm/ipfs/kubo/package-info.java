/**
 * A client for a Kubo node's RPC API ({@code /api/v0/...}) that trusts nothing the node returns:
 * every block read back is checked against the CID it was asked for.
 */
package io.airm.ipfs.kubo;
