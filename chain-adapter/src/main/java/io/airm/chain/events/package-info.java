/**
 * Follows contract events on a chain that may reorganise: {@link io.airm.chain.events.EventIndexer}
 * reads logs up to a confirmation depth, remembers recent block hashes, and when the chain forks
 * under it rolls its {@link io.airm.chain.events.IndexerSink} back to the fork point before
 * applying the new canonical events.
 *
 * <p>Delivery is at least once: the cursor is committed only after the sink has taken a batch, so a
 * crash between the two makes the next run hand the same batch again. Sinks must therefore be
 * idempotent (key events by block hash and log index) or store the cursor in the same transaction
 * as the events.
 */
package io.airm.chain.events;
