/**
 * The node's IPFS trustless gateway ({@code
 * https://specs.ipfs.tech/http-gateways/trustless-gateway/}): files, raw blocks and CARs by CID,
 * every byte checked against its CID before it is sent.
 */
package io.airm.node.gateway;
