/**
 * The settlement data formats of {@code registry-node/SETTLEMENT.md}, as pure values: the usage
 * evidence ({@code airm-evidence/1}), the works root, a work's payment terms, the settlement
 * document ({@code airm-settlement/1}) and the valuation input derived from them. Nothing here
 * touches the network, the database or the clock, so that the node that writes a settlement and the
 * auditor who recomputes it run the very same code.
 */
package io.airm.node.settlement;
