package io.airm.valuation.verifiability;

import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds DOIs, arXiv ids, ISBNs and ORCID iDs in a text in one left-to-right pass with constant
 * look-ahead per position (no regular expressions).
 *
 * <ul>
 *   <li>A <b>DOI</b> is recognised wherever {@code 10.} starts a valid DOI and is not preceded by a
 *       letter, digit or dot; trailing {@code . , ; :} and unbalanced {@code )} are dropped
 *       (sentence punctuation). A {@code doi:} or {@code doi.org/} marker not followed by a valid
 *       DOI counts as malformed.
 *   <li>An <b>arXiv id</b> is read after {@code arXiv:} or {@code arxiv.org/abs/} or {@code
 *       arxiv.org/pdf/} (case-insensitive) as the longest run of {@code A-Z a-z 0-9 . - /}
 *       (trailing dot and {@code .pdf} dropped); invalid ⇒ malformed. Bare numbers are not taken
 *       for arXiv ids.
 *   <li>An <b>ISBN</b> is read after {@code ISBN}, {@code ISBN-10}, {@code ISBN-13} (optional
 *       colon): digits, X, hyphens and single spaces up to 13 digits. 13 digits must pass the
 *       EAN-13 check, 10 the ISBN-10 check (then converted to ISBN-13); anything else ⇒ malformed.
 *   <li>An <b>ORCID iD</b> is any {@code dddd-dddd-dddd-dddC} not glued to further letters, digits
 *       or hyphens; a bad check character ⇒ malformed.
 * </ul>
 */
public final class CitationExtractor {
  private CitationExtractor() {}

  /** The identifiers in {@code text}. */
  public static Citations extract(String text) {
    TreeSet<String> dois = new TreeSet<>();
    TreeSet<String> arxiv = new TreeSet<>();
    TreeSet<String> isbns = new TreeSet<>();
    TreeSet<String> orcids = new TreeSet<>();
    int badDoi = 0;
    int badArxiv = 0;
    int badIsbn = 0;
    int badOrcid = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      char prev = i == 0 ? ' ' : text.charAt(i - 1);
      switch (c) {
        case '1' -> {
          if (!Character.isLetterOrDigit(prev) && prev != '.') {
            int len = Identifiers.doiLength(text, i, n);
            if (len > 0) {
              String doi = trimDoi(text.substring(i, i + len));
              if (Identifiers.isValidDoi(doi)) {
                dois.add(doi.toLowerCase(Locale.ROOT));
              }
              i += len - 1;
              continue;
            }
          }
          if (orcidAt(text, i, prev)) {
            if (Identifiers.orcidChecksumOk(text, i)) {
              orcids.add(text.substring(i, i + 19).toUpperCase(Locale.ROOT));
            } else {
              badOrcid++;
            }
            i += 18;
          }
        }
        case 'd', 'D' -> {
          if (Character.isLetter(prev)) {
            continue;
          }
          int after = -1;
          if (text.regionMatches(true, i, "doi:", 0, 4)) {
            after = i + 4;
          } else if (text.regionMatches(true, i, "doi.org/", 0, 8)) {
            after = i + 8;
          }
          if (after >= 0) {
            while (after < n && text.charAt(after) == ' ') {
              after++;
            }
            if (Identifiers.doiLength(text, after, n) < 0) {
              badDoi++;
            }
            i = after - 1;
          }
        }
        case 'a', 'A' -> {
          if (Character.isLetter(prev)) {
            continue;
          }
          int after = -1;
          if (text.regionMatches(true, i, "arxiv:", 0, 6)) {
            after = i + 6;
          } else if (text.regionMatches(true, i, "arxiv.org/abs/", 0, 14)
              || text.regionMatches(true, i, "arxiv.org/pdf/", 0, 14)) {
            after = i + 14;
          }
          if (after >= 0) {
            while (after < n && text.charAt(after) == ' ') {
              after++;
            }
            int end = after;
            while (end < n && end - after < 64 && arxivChar(text.charAt(end))) {
              end++;
            }
            String id = text.substring(after, end);
            if (id.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
              id = id.substring(0, id.length() - 4);
            }
            while (id.endsWith(".")) {
              id = id.substring(0, id.length() - 1);
            }
            Optional<String> normal = Identifiers.normaliseArxiv(id);
            if (normal.isPresent()) {
              arxiv.add(normal.get());
            } else {
              badArxiv++;
            }
            i = end - 1;
          }
        }
        case 'i', 'I' -> {
          if (Character.isLetter(prev) || !text.regionMatches(true, i, "isbn", 0, 4)) {
            continue;
          }
          int k = i + 4;
          if (k < n && Character.isLetter(text.charAt(k))) {
            continue;
          }
          if (text.startsWith("-13", k) || text.startsWith("-10", k)) {
            k += 3;
          } else if ((text.startsWith("13:", k) || text.startsWith("10:", k))) {
            k += 2;
          }
          if (k < n && text.charAt(k) == ':') {
            k++;
          }
          while (k < n && text.charAt(k) == ' ') {
            k++;
          }
          StringBuilder digits = new StringBuilder(13);
          int end = k;
          while (end < n && digits.length() < 13) {
            char d = text.charAt(end);
            if (Identifiers.isDigit(d)) {
              digits.append(d);
            } else if ((d == 'X' || d == 'x') && digits.length() == 9) {
              digits.append('X');
              end++;
              break;
            } else if (!(d == '-'
                || (d == ' ' && end + 1 < n && Identifiers.isDigit(text.charAt(end + 1))))) {
              break;
            }
            end++;
          }
          Optional<String> isbn13 = Identifiers.toIsbn13(digits.toString());
          if (isbn13.isPresent()) {
            isbns.add(isbn13.get());
          } else {
            badIsbn++;
          }
          i = Math.max(i + 3, end - 1);
        }
        default -> {
          if (c >= '0' && c <= '9' && orcidAt(text, i, prev)) {
            if (Identifiers.orcidChecksumOk(text, i)) {
              orcids.add(text.substring(i, i + 19).toUpperCase(Locale.ROOT));
            } else {
              badOrcid++;
            }
            i += 18;
          }
        }
      }
    }
    return new Citations(
        dois.stream().toList(),
        arxiv.stream().toList(),
        isbns.stream().toList(),
        orcids.stream().toList(),
        badDoi,
        badArxiv,
        badIsbn,
        badOrcid);
  }

  private static boolean orcidAt(String text, int i, char prev) {
    if (i + 19 > text.length() || Character.isLetterOrDigit(prev) || prev == '-') {
      return false;
    }
    if (text.charAt(i + 4) != '-' || !Identifiers.orcidShape(text, i)) {
      return false;
    }
    if (i + 19 < text.length()) {
      char next = text.charAt(i + 19);
      return !Character.isLetterOrDigit(next) && next != '-';
    }
    return true;
  }

  private static boolean arxivChar(char c) {
    return Identifiers.isDigit(c)
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '.'
        || c == '-'
        || c == '/';
  }

  /** Drops sentence punctuation a DOI cannot end with, and a ')' that closes outer text. */
  static String trimDoi(String doi) {
    int end = doi.length();
    while (end > 0) {
      char c = doi.charAt(end - 1);
      if (c == '.' || c == ',' || c == ';' || c == ':') {
        end--;
      } else if (c == ')' && unbalanced(doi, end)) {
        end--;
      } else {
        break;
      }
    }
    return doi.substring(0, end);
  }

  private static boolean unbalanced(String s, int end) {
    int depth = 0;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == '(') {
        depth++;
      } else if (s.charAt(i) == ')') {
        depth--;
      }
    }
    return depth < 0;
  }
}
