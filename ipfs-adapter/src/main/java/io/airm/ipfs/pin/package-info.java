/**
 * Recursive pins on a block store, and the garbage collector that keeps exactly the pinned DAGs.
 */
package io.airm.ipfs.pin;
