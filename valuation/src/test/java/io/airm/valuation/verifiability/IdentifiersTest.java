package io.airm.valuation.verifiability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.1000/182",
        "10.1038/nphys1170",
        "10.1002/(SICI)1097-4636(199812)",
        "10.123456789/x",
        "10.1000.10/abc"
      })
  void doi_acceptsCrossrefShapedIds(String doi) {
    assertThat(Identifiers.isValidDoi(doi)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.123/abc",
        "10.1234567890/x",
        "10.1000/",
        "11.1000/x",
        "10.1000 /x",
        "10.1000/a b",
        ""
      })
  void doi_rejectsShortRegistrantsEmptySuffixesAndSpaces(String doi) {
    assertThat(Identifiers.isValidDoi(doi)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0704.0001",
        "1412.9999",
        "1501.00001",
        "2310.12345v3",
        "hep-th/9802150",
        "math.GT/0309136",
        "cond-mat/0703001v2"
      })
  void arxiv_acceptsNewAndOldStyleIds(String id) {
    assertThat(Identifiers.isValidArxiv(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2313.12345", // month 13
        "2300.12345", // month 00
        "0703.0001", // new scheme starts 0704
        "1501.0001", // 4-digit numbers end with 1412
        "1412.00001", // 5-digit numbers start with 1501
        "2310.00000", // no paper zero
        "2310.12345v0",
        "foo-bar/9802150", // unknown archive
        "hep-th/0704001", // old scheme ends 0703
        "hep-th/9813150", // month 13
        "hep-th/980215" // six digits
      })
  void arxiv_rejectsBadMonthsArchivesAndLengths(String id) {
    assertThat(Identifiers.isValidArxiv(id)).isFalse();
  }

  @Test
  void isbn13_checksEan13CheckDigitAndPrefix() {
    assertThat(Identifiers.isValidIsbn13("978-0-306-40615-7")).isTrue();
    assertThat(Identifiers.isValidIsbn13("9780306406157")).isTrue();
    assertThat(Identifiers.isValidIsbn13("978-0-306-40615-8")).isFalse();
    assertThat(Identifiers.isValidIsbn13("4006381333931")).isFalse(); // valid EAN, not an ISBN
  }

  @Test
  void isbn10_checksMod11IncludingX_andConvertsToIsbn13() {
    assertThat(Identifiers.isValidIsbn10("0-306-40615-2")).isTrue();
    assertThat(Identifiers.isValidIsbn10("0-8044-2957-X")).isTrue();
    assertThat(Identifiers.isValidIsbn10("0-306-40615-3")).isFalse();
    assertThat(Identifiers.isValidIsbn10("X-306-40615-2")).isFalse();
    assertThat(Identifiers.toIsbn13("0-306-40615-2")).contains("9780306406157");
    assertThat(Identifiers.toIsbn13("0-8044-2957-X")).contains("9780804429573");
    assertThat(Identifiers.toIsbn13("0-306-40615-3")).isEmpty();
  }

  @Test
  void orcid_checksIso7064Mod11_2() {
    assertThat(Identifiers.isValidOrcid("0000-0002-1825-0097")).isTrue();
    assertThat(Identifiers.isValidOrcid("https://orcid.org/0000-0001-5109-3700")).isTrue();
    assertThat(Identifiers.isValidOrcid("0000-0002-1694-233X")).isTrue();
    assertThat(Identifiers.isValidOrcid("0000-0002-1825-0098")).isFalse();
    assertThat(Identifiers.isValidOrcid("0000-0002-1825-009")).isFalse();
  }
}
