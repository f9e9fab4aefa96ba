package io.airm.valuation.verifiability;

import java.util.Optional;
import java.util.Set;

/**
 * Syntax and checksum rules for the scholarly identifiers the verifiability factor recognises.
 * Every method is total (never throws) and case-insensitive where the scheme is.
 */
public final class Identifiers {
  private Identifiers() {}

  /** The archives of arXiv's pre-April-2007 scheme ({@code archive/YYMMNNN}). */
  static final Set<String> OLD_ARXIV_ARCHIVES =
      Set.of(
          "acc-phys",
          "adap-org",
          "alg-geom",
          "ao-sci",
          "astro-ph",
          "atom-ph",
          "bayes-an",
          "chao-dyn",
          "chem-ph",
          "cmp-lg",
          "comp-gas",
          "cond-mat",
          "cs",
          "dg-ga",
          "funct-an",
          "gr-qc",
          "hep-ex",
          "hep-lat",
          "hep-ph",
          "hep-th",
          "math",
          "math-ph",
          "mtrl-th",
          "nlin",
          "nucl-ex",
          "nucl-th",
          "patt-sol",
          "physics",
          "plasm-ph",
          "q-alg",
          "q-bio",
          "q-fin",
          "quant-ph",
          "solv-int",
          "stat",
          "supr-con");

  /**
   * A DOI in the Crossref-recommended shape {@code 10.NNNN/suffix}: directory {@code 10}, a
   * registrant of 4 to 9 digits (optionally followed by {@code .digits} sub-registrant groups, as
   * the DOI Handbook §2.2.2 allows), a slash, and a non-empty suffix of {@code A-Z a-z 0-9 - . _ ;
   * ( ) / :}.
   */
  public static boolean isValidDoi(String doi) {
    return doi != null && doiLength(doi, 0, doi.length()) == doi.length();
  }

  /**
   * The length of the DOI starting at {@code from} (before trimming trailing punctuation), or -1.
   */
  static int doiLength(CharSequence s, int from, int to) {
    int i = from;
    if (i + 3 > to || s.charAt(i) != '1' || s.charAt(i + 1) != '0' || s.charAt(i + 2) != '.') {
      return -1;
    }
    i += 3;
    int digits = 0;
    while (i < to && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (digits < 4 || digits > 9) {
      return -1;
    }
    while (i + 1 < to && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
      i++;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i >= to || s.charAt(i) != '/') {
      return -1;
    }
    i++;
    int suffixStart = i;
    while (i < to && isDoiSuffixChar(s.charAt(i))) {
      i++;
    }
    return i > suffixStart ? i - from : -1;
  }

  static boolean isDoiSuffixChar(char c) {
    return isDigit(c)
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == ';'
        || c == '('
        || c == ')'
        || c == '/'
        || c == ':';
  }

  /**
   * An arXiv identifier, with an optional version {@code vN}: new style {@code YYMM.NNNN}
   * (0704..1412) or {@code YYMM.NNNNN} (from 1501), month 01..12, number not all zeros; or old
   * style {@code archive[.SC]/YYMMNNN} with a known archive, year 91..99 or 00..07, month 01..12
   * and number 001..999.
   */
  public static boolean isValidArxiv(String id) {
    if (id == null || id.isEmpty()) {
      return false;
    }
    String bare = stripVersion(id);
    if (bare == null) {
      return false;
    }
    int slash = bare.indexOf('/');
    return slash < 0 ? validNewArxiv(bare) : validOldArxiv(bare, slash);
  }

  /** The arXiv id without its version suffix, lower-cased archive; empty if invalid. */
  public static Optional<String> normaliseArxiv(String id) {
    if (!isValidArxiv(id)) {
      return Optional.empty();
    }
    String bare = stripVersion(id);
    int slash = bare.indexOf('/');
    if (slash < 0) {
      return Optional.of(bare);
    }
    int dot = bare.indexOf('.');
    String archive = bare.substring(0, slash);
    if (dot >= 0 && dot < slash) {
      // archive.SC: the archive is lower case, the subject class upper case (math.GT)
      archive =
          bare.substring(0, dot).toLowerCase() + "." + bare.substring(dot + 1, slash).toUpperCase();
    } else {
      archive = archive.toLowerCase();
    }
    return Optional.of(archive + bare.substring(slash));
  }

  private static String stripVersion(String id) {
    int v = id.lastIndexOf('v');
    if (v < 0) {
      v = id.lastIndexOf('V');
    }
    if (v > 0 && v < id.length() - 1 && isDigit(id.charAt(v - 1))) {
      for (int i = v + 1; i < id.length(); i++) {
        if (!isDigit(id.charAt(i))) {
          return null;
        }
      }
      if (id.charAt(v + 1) == '0') {
        return null;
      }
      return id.substring(0, v);
    }
    return id;
  }

  private static boolean validNewArxiv(String s) {
    if (s.length() != 9 && s.length() != 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (i == 4 ? s.charAt(i) != '.' : !isDigit(s.charAt(i))) {
        return false;
      }
    }
    int yymm = Integer.parseInt(s.substring(0, 4));
    int month = yymm % 100;
    if (month < 1 || month > 12 || yymm < 704) {
      return false;
    }
    int numberDigits = s.length() - 5;
    if ((yymm <= 1412 && numberDigits != 4) || (yymm >= 1501 && numberDigits != 5)) {
      return false;
    }
    return Integer.parseInt(s.substring(5)) > 0;
  }

  private static boolean validOldArxiv(String s, int slash) {
    String archive = s.substring(0, slash).toLowerCase();
    int dot = archive.indexOf('.');
    if (dot >= 0) {
      String subject = archive.substring(dot + 1);
      if (subject.length() != 2
          || !Character.isLetter(subject.charAt(0))
          || !Character.isLetter(subject.charAt(1))) {
        return false;
      }
      archive = archive.substring(0, dot);
    }
    if (!OLD_ARXIV_ARCHIVES.contains(archive)) {
      return false;
    }
    String number = s.substring(slash + 1);
    if (number.length() != 7) {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      if (!isDigit(number.charAt(i))) {
        return false;
      }
    }
    int yy = Integer.parseInt(number.substring(0, 2));
    int mm = Integer.parseInt(number.substring(2, 4));
    int nnn = Integer.parseInt(number.substring(4));
    boolean yearOk = yy >= 91 || yy <= 7;
    return yearOk
        && mm >= 1
        && mm <= 12
        && nnn >= 1
        && !(yy == 91 && mm < 8)
        && !(yy == 7 && mm > 3);
  }

  /**
   * An ISBN-13: 13 digits (hyphens and spaces ignored), prefix 978 or 979, and the EAN-13 check
   * digit: weights 1,3,1,3,… over all 13 digits sum to a multiple of 10.
   */
  public static boolean isValidIsbn13(String isbn) {
    String d = digitsOnly(isbn, false);
    if (d == null || d.length() != 13 || !(d.startsWith("978") || d.startsWith("979"))) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 13; i++) {
      sum += (d.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return sum % 10 == 0;
  }

  /**
   * An ISBN-10: 9 digits and a check character (0-9 or X = 10) such that Σ (10 − i)·dᵢ ≡ 0 (mod
   * 11), hyphens and spaces ignored.
   */
  public static boolean isValidIsbn10(String isbn) {
    String d = digitsOnly(isbn, true);
    if (d == null || d.length() != 10) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      char c = d.charAt(i);
      int v;
      if (c == 'X') {
        if (i != 9) {
          return false;
        }
        v = 10;
      } else {
        v = c - '0';
      }
      sum += (10 - i) * v;
    }
    return sum % 11 == 0;
  }

  /**
   * The canonical 13-digit form of a valid ISBN-10 or ISBN-13 (an ISBN-10 becomes {@code 978} + its
   * first nine digits + a fresh EAN-13 check digit), or empty.
   */
  public static Optional<String> toIsbn13(String isbn) {
    if (isValidIsbn13(isbn)) {
      return Optional.of(digitsOnly(isbn, false));
    }
    if (!isValidIsbn10(isbn)) {
      return Optional.empty();
    }
    String first12 = "978" + digitsOnly(isbn, true).substring(0, 9);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return Optional.of(first12 + (char) ('0' + (10 - sum % 10) % 10));
  }

  /**
   * An ORCID iD {@code dddd-dddd-dddd-dddC} (optionally behind {@code https://orcid.org/}) whose
   * check character C is ISO 7064 MOD 11-2 over the 15 digits: {@code t = (t + d)·2} for each
   * digit, {@code r = (12 − t mod 11) mod 11}, C = r or X for 10. Number ranges are not checked.
   */
  public static boolean isValidOrcid(String orcid) {
    if (orcid == null) {
      return false;
    }
    String s = orcid;
    for (String prefix : new String[] {"https://orcid.org/", "http://orcid.org/", "orcid.org/"}) {
      if (s.startsWith(prefix)) {
        s = s.substring(prefix.length());
      }
    }
    return s.length() == 19 && orcidShape(s, 0) && orcidChecksumOk(s, 0);
  }

  static boolean orcidShape(CharSequence s, int at) {
    for (int i = 0; i < 19; i++) {
      char c = s.charAt(at + i);
      if (i == 4 || i == 9 || i == 14) {
        if (c != '-') {
          return false;
        }
      } else if (!isDigit(c) && !(i == 18 && (c == 'X' || c == 'x'))) {
        return false;
      }
    }
    return true;
  }

  static boolean orcidChecksumOk(CharSequence s, int at) {
    int total = 0;
    for (int i = 0; i < 18; i++) {
      char c = s.charAt(at + i);
      if (c != '-') {
        total = (total + (c - '0')) * 2;
      }
    }
    int result = (12 - total % 11) % 11;
    char check = Character.toUpperCase(s.charAt(at + 18));
    return check == (result == 10 ? 'X' : (char) ('0' + result));
  }

  /** Digits (and X when allowed) with hyphens and spaces removed; null on any other character. */
  private static String digitsOnly(String s, boolean allowX) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(13);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        out.append(c);
      } else if (allowX && (c == 'X' || c == 'x')) {
        out.append('X');
      } else if (c != '-' && c != ' ') {
        return null;
      }
    }
    return out.toString();
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
