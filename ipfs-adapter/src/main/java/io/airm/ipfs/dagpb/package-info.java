/** The dag-pb codec: the protobuf node format that UnixFS files and every CIDv0 use. */
package io.airm.ipfs.dagpb;
