/** Content identifiers (CIDs) and the multihashes and codecs they are made of. */
package io.airm.ipfs.cid;
