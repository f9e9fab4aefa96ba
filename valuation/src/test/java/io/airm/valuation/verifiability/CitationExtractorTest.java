package io.airm.valuation.verifiability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationExtractorTest {
  @Test
  void dois_dropSentencePunctuationAndAreDeduplicatedCaseInsensitively() {
    Citations c =
        CitationExtractor.extract(
            "See doi:10.1000/ABC. Also (https://doi.org/10.1000/abc) and 10.1002/(SICI)1097-4636(199812),"
                + " but not doi: 10.12/short nor doi:nothing.");

    assertThat(c.dois()).containsExactly("10.1000/abc", "10.1002/(sici)1097-4636(199812)");
    assertThat(c.malformedDois()).isEqualTo(2);
  }

  @Test
  void arxiv_isTakenOnlyBehindAMarker_andVersionsCollapse() {
    Citations c =
        CitationExtractor.extract(
            "arXiv:2310.12345v2, https://arxiv.org/abs/2310.12345 and arxiv.org/pdf/hep-th/9802150.pdf;"
                + " bare 2310.54321 is not taken; arXiv:2313.00001 is malformed.");

    assertThat(c.arxivIds()).containsExactly("2310.12345", "hep-th/9802150");
    assertThat(c.malformedArxiv()).isEqualTo(1);
  }

  @Test
  void isbns_areNormalisedTo13Digits_andBadCheckDigitsCountAsMalformed() {
    Citations c =
        CitationExtractor.extract(
            "ISBN 978-0-306-40615-7, ISBN-10: 0-306-40615-2, ISBN 978 0 306 40615 8, ISBN: 12345.");

    assertThat(c.isbns()).containsExactly("9780306406157");
    assertThat(c.malformedIsbns()).isEqualTo(2);
  }

  @Test
  void orcids_needAValidCheckCharacter() {
    Citations c =
        CitationExtractor.extract(
            "https://orcid.org/0000-0002-1825-0097 0000-0002-1694-233x 0000-0002-1825-0098 1234-5678-9012-34567");

    assertThat(c.orcids()).containsExactly("0000-0002-1694-233X", "0000-0002-1825-0097");
    assertThat(c.malformedOrcids()).isEqualTo(1);
  }
}
