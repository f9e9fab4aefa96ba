package io.airm.valuation.expertise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * What the expertise factor looks at for one work.
 *
 * @param creator the work's creator address (0x + 40 hex, any case)
 * @param credentials credential envelopes presented for the creator ({@link Credential} format)
 * @param earlierWorks the creator's registered works before this one, not flagged as copies
 * @param referenceTime the valuation's reference time, unix seconds (never the wall clock)
 */
public record ExpertiseInput(
    String creator, List<JsonNode> credentials, long earlierWorks, long referenceTime) {
  public ExpertiseInput {
    if (creator == null || !creator.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("creator must be a 0x address, not " + creator);
    }
    creator = creator.toLowerCase(Locale.ROOT);
    credentials = List.copyOf(credentials);
    if (earlierWorks < 0) {
      throw new IllegalArgumentException("earlierWorks cannot be negative: " + earlierWorks);
    }
  }
}
