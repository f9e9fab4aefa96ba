package io.airm.valuation.verifiability;

import java.util.Optional;

/**
 * What the verifiability factor looks at for one work.
 *
 * @param text the work's text, empty for a binary work (image, audio, archive)
 * @param registeredParents how many of the work's provenance parents are registered works
 * @param signed whether the registry record carries a valid creator signature
 * @param retrievable whether the content was retrieved by its CID and matched it
 */
public record VerifiabilityInput(
    Optional<String> text, long registeredParents, boolean signed, boolean retrievable) {
  public VerifiabilityInput {
    if (text == null) {
      throw new IllegalArgumentException("text must be Optional.empty(), not null");
    }
    if (registeredParents < 0) {
      throw new IllegalArgumentException(
          "registeredParents cannot be negative: " + registeredParents);
    }
  }
}
