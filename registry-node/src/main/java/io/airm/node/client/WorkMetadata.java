package io.airm.node.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Address;
import io.airm.node.api.WireFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A work's metadata document (registry-node/SETTLEMENT.md §4): a title, the media type the
 * valuation reads the content as, and the co-creators paid for it with their shares in basis
 * points, which sum to 10,000. Without co-creators the creator is paid in full.
 *
 * <p>Immutable; each {@code with…} returns a copy. The registration signs the SHA-256 of {@link
 * #toJson()}.
 *
 * @param title the work's title
 * @param mediaType its media type, for example {@code text/markdown}
 * @param coCreators who is paid, in order
 */
public record WorkMetadata(
    Optional<String> title, Optional<String> mediaType, List<CoCreator> coCreators) {

  /** The basis points the co-creators share. */
  public static final int TOTAL_BPS = 10_000;

  /**
   * One payee of a work.
   *
   * @param account the account paid
   * @param sharesBps its share, 1 to 10,000 basis points
   */
  public record CoCreator(Address account, int sharesBps) {
    /** Checks the share. */
    public CoCreator {
      if (account == null) {
        throw new IllegalArgumentException("A co-creator needs an account");
      }
      if (sharesBps <= 0 || sharesBps > TOTAL_BPS) {
        throw new IllegalArgumentException(
            "A co-creator's share is 1 to " + TOTAL_BPS + " bps, not " + sharesBps);
      }
    }
  }

  /** Copies the list; {@link #toJson()} checks the shares, which may be added one by one. */
  public WorkMetadata {
    coCreators = List.copyOf(coCreators);
  }

  /** Metadata with a title only. */
  public static WorkMetadata titled(String title) {
    return new WorkMetadata(Optional.of(title), Optional.empty(), List.of());
  }

  /** A copy with {@code mediaType}. */
  public WorkMetadata withMediaType(String mediaType) {
    return new WorkMetadata(title, Optional.of(mediaType), coCreators);
  }

  /** A copy with one more co-creator. */
  public WorkMetadata withCoCreator(Address account, int sharesBps) {
    List<CoCreator> more = new ArrayList<>(coCreators);
    more.add(new CoCreator(account, sharesBps));
    return new WorkMetadata(title, mediaType, more);
  }

  /**
   * The document as registered: {@code {"title", "mediaType", "coCreators": [{"account",
   * "sharesBps"}]}}, absent fields left out, in that order.
   *
   * @throws IllegalArgumentException if an account repeats or the shares do not sum to 10,000
   */
  public String toJson() {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    title.ifPresent(t -> node.put("title", t));
    mediaType.ifPresent(m -> node.put("mediaType", m));
    if (!coCreators.isEmpty()) {
      Set<Address> seen = new HashSet<>();
      int total = 0;
      ArrayNode list = node.putArray("coCreators");
      for (CoCreator c : coCreators) {
        if (!seen.add(c.account())) {
          throw new IllegalArgumentException("Co-creator " + c.account() + " is listed twice");
        }
        total += c.sharesBps();
        list.addObject().put("account", c.account().value()).put("sharesBps", c.sharesBps());
      }
      if (total != TOTAL_BPS) {
        throw new IllegalArgumentException(
            "The co-creators' shares must sum to " + TOTAL_BPS + " bps, not " + total);
      }
    }
    return node.toString();
  }
}
