package io.airm.valuation.verifiability;

import java.util.List;

/**
 * The identifiers found in a text: the valid ones (normalised, deduplicated, sorted) and the number
 * of malformed attempts of each kind.
 *
 * @param dois valid DOIs, lower-cased (DOIs are case-insensitive)
 * @param arxivIds valid arXiv ids without version
 * @param isbns valid ISBNs as 13 digits (ISBN-10s converted)
 * @param orcids valid ORCID iDs, {@code dddd-dddd-dddd-dddC}
 * @param malformedDois text after {@code doi:} / {@code doi.org/} that is no valid DOI
 * @param malformedArxiv text after {@code arXiv:} / {@code arxiv.org/abs|pdf/} that is no valid id
 * @param malformedIsbns text after {@code ISBN} with a bad length or check digit
 * @param malformedOrcids ORCID-shaped ids with a bad MOD 11-2 check character
 */
public record Citations(
    List<String> dois,
    List<String> arxivIds,
    List<String> isbns,
    List<String> orcids,
    int malformedDois,
    int malformedArxiv,
    int malformedIsbns,
    int malformedOrcids) {
  public Citations {
    dois = List.copyOf(dois);
    arxivIds = List.copyOf(arxivIds);
    isbns = List.copyOf(isbns);
    orcids = List.copyOf(orcids);
  }

  /** All malformed attempts. */
  public int malformed() {
    return malformedDois + malformedArxiv + malformedIsbns + malformedOrcids;
  }
}
