package io.airm.node.domain;

/**
 * The answer to a registration.
 *
 * @param work the stored work
 * @param created false when the same registration had already been accepted (a replay)
 */
public record RegistrationResult(Work work, boolean created) {}
