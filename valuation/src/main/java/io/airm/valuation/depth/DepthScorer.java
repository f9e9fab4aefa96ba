package io.airm.valuation.depth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores the {@code depth} factor of a text: its structure (sections, references, equations, code
 * blocks), lexical diversity (bidirectional MTLD) and density of reasoning connectives, after
 * Gopher/C4-style quality gates. One pass over the lines, then linear passes over word ids; no
 * regular expressions. Thread-safe: all state is local to a call.
 *
 * <p>Definitions an auditor needs:
 *
 * <ul>
 *   <li><b>Lines</b> are split on {@code \n} (a trailing {@code \r} is dropped) and trimmed of
 *       white space. Lines inside fenced code blocks (opened and closed by a line starting with
 *       {@code ```} or {@code ~~~}) and inside display math ({@code $$ … $$}, {@code \[ … \]},
 *       {@code \begin{equation|align|gather|multline|eqnarray} … \end{…}}) are not prose: they
 *       contribute no words and are not counted by the line gates.
 *   <li><b>Words</b> are maximal runs of Unicode letters and digits ({@link
 *       Character#isLetterOrDigit(int)}), lower-cased per code point with {@link
 *       Character#toLowerCase(int)}; an apostrophe ({@code '} or {@code ’}) between two letters
 *       stays inside the word. Word length is counted in code points.
 *   <li><b>Sections</b>: Markdown ATX headings ({@code #}…{@code ######} then a space), {@code
 *       \chapter}/{@code \section}/{@code \subsection}/{@code \subsubsection}, and numbered section
 *       lines (digits with optional {@code .digits} groups and an optional final dot, a space, then
 *       an upper-case letter; at most {@code maxHeadingChars} long and not ending in {@code .}). A
 *       line whose whole text is one of {@code referenceHeadings} (after dropping markers,
 *       numbering and a trailing colon) is a heading too.
 *   <li><b>References</b>: every non-empty prose line under a reference heading until the next
 *       heading; elsewhere, lines starting with {@code [digits]} or {@code \bibitem}.
 *   <li><b>Equations</b>: one per display-math block, one per pair of unescaped single {@code $},
 *       and one per math-dense line not already counted (a relation symbol {@code = ≤ ≥ ≠ ≈ ≡ ∈ → ⇒
 *       ⇔ ∝ ∼}, at least {@code mathLineMinSymbols} math symbols, and math symbols ≥ {@code
 *       mathLineSymbolPpm} of the line's non-space characters; math symbols are {@code = + - * / ^
 *       _ < > |}, U+2190..U+22FF and Greek letters).
 *   <li><b>MTLD</b> (McCarthy &amp; Jarvis 2010): walking the words, a factor ends when the running
 *       type/token ratio falls to or below the threshold ({@code types·10⁶ ≤ threshold·tokens});
 *       the remainder adds {@code (1 − TTR)/(1 − threshold)} of a factor; MTLD = words / factors.
 *       Forward and backward MTLD are averaged; all in exact rational arithmetic, reported as
 *       {@code floor(1000 · mean)}. When no factor ever completes and the remainder has TTR 1, MTLD
 *       is the word count.
 * </ul>
 */
public final class DepthScorer {
  /** The factor's name in reports. */
  public static final String FACTOR = "depth";

  private static final long ONE = FactorScore.ONE;

  private final DepthParams params;
  private final List<String[]> connectives;
  private final Set<String> referenceHeadings;

  public DepthScorer(DepthParams params) {
    this.params = params;
    this.referenceHeadings = Set.copyOf(params.structure().referenceHeadings());
    List<String[]> phrases = new ArrayList<>();
    for (String phrase : params.reasoning().connectives()) {
      List<String> words = new ArrayList<>();
      for (String w : phrase.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+")) {
        words.add(w.equals("...") || w.equals("…") ? null : w);
      }
      if (words.get(0) == null || words.get(words.size() - 1) == null) {
        throw new io.airm.valuation.ValuationException(
            "\"depth.reasoning.connectives\" cannot start or end with \"...\": " + phrase);
      }
      phrases.add(words.toArray(new String[0]));
    }
    this.connectives = List.copyOf(phrases);
  }

  /** Scores a text work, or a work without text ({@code text == null}) as not applicable. */
  public FactorScore score(String text) {
    if (text == null) {
      return notText("none");
    }
    return new Scan(text).result();
  }

  /** The factor for a work that has no text (an image, audio, a binary). */
  public FactorScore notText(String mediaType) {
    ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
    evidence.put("mediaType", mediaType == null ? "unknown" : mediaType);
    return FactorScore.notApplicable(
        FACTOR, evidence, "Depth is measured on text; this work has none.");
  }

  /** The per-text scan; everything mutable lives here. */
  private final class Scan {
    private final String text;
    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final StringBuilder word = new StringBuilder(32);
    private int[] ids = new int[1024];
    private int[] lengthOfId = new int[256];
    private int words;
    private long wordChars;

    private int sections;
    private int references;
    private int equations;
    private int codeBlocks;
    private int proseLines;
    private int ellipsisLines;
    private int bulletLines;
    private int duplicateLines;
    private int curlyLines;
    private int javascriptLines;
    private long symbols;

    Scan(String text) {
      this.text = text;
    }

    FactorScore result() {
      scanLines();
      return score();
    }

    private void scanLines() {
      DepthParams.Structure st = params.structure();
      Set<String> seenLines = new HashSet<>();
      boolean inCode = false;
      char fence = 0;
      String displayEnd = null; // the text that closes the display-math block we are in
      boolean inReferences = false;
      int n = text.length();
      int start = 0;
      while (start <= n) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = n;
        }
        int s = start;
        int e = end;
        start = end + 1;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
          s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
          e--;
        }
        if (e - s >= 3 && isFence(s)) {
          char c = text.charAt(s);
          if (!inCode) {
            inCode = true;
            fence = c;
            codeBlocks++;
          } else if (c == fence) {
            inCode = false;
          }
          continue;
        }
        if (inCode || s == e) {
          continue;
        }
        if (displayEnd != null) {
          if (find(displayEnd, s, e) >= 0) {
            displayEnd = null;
          }
          continue;
        }
        // Display math opening on this line.
        String opened = displayOpening(s, e);
        if (opened != null) {
          equations++;
          if (!opened.isEmpty()) {
            displayEnd = opened;
          }
          continue;
        }
        proseLines++;
        int headingMarker = headingMarker(s, e, st.maxHeadingChars());
        boolean heading = headingMarker >= 0;
        String title = null;
        if (heading || e - s <= st.maxHeadingChars()) {
          title = headingTitle(s + Math.max(0, headingMarker), e);
          if (!heading && referenceHeadings.contains(title)) {
            heading = true;
            headingMarker = 0;
          }
        }
        if (heading) {
          sections++;
          inReferences = referenceHeadings.contains(title);
        } else if (inReferences || text.startsWith("\\bibitem", s) || bracketNumber(s, e)) {
          references++;
        }
        char first = text.charAt(s);
        if ((first == '-' || first == '*' || first == '+' || first == '•')
            && (e - s == 1 || text.charAt(s + 1) == ' ' || first == '•')) {
          bulletLines++;
        }
        if (text.charAt(e - 1) == '…' || (e - s >= 3 && text.startsWith("...", e - 3))) {
          ellipsisLines++;
        }
        if (!seenLines.add(text.substring(s, e))) {
          duplicateLines++;
        }
        scanProseLine(s, e, Math.max(0, headingMarker));
      }
    }

    /** The first index of {@code what} within [s, e), or -1; never looks past the line. */
    private int find(String what, int s, int e) {
      int last = e - what.length();
      for (int i = s; i <= last; i++) {
        if (text.startsWith(what, i)) {
          return i;
        }
      }
      return -1;
    }

    private boolean isFence(int s) {
      char c = text.charAt(s);
      return (c == '`' || c == '~') && text.charAt(s + 1) == c && text.charAt(s + 2) == c;
    }

    /** "" for a one-line display, the closing text for an opened block, null for none. */
    private String displayOpening(int s, int e) {
      if (text.startsWith("$$", s)) {
        return find("$$", s + 2, e) >= 0 ? "" : "$$";
      }
      if (text.startsWith("\\[", s)) {
        return find("\\]", s + 2, e) >= 0 ? "" : "\\]";
      }
      if (text.startsWith("\\begin{", s)) {
        for (String env : new String[] {"equation", "align", "gather", "multline", "eqnarray"}) {
          if (text.startsWith(env, s + 7)) {
            String close = "\\end{" + env;
            return find(close, s, e) >= 0 ? "" : close;
          }
        }
      }
      return null;
    }

    /** Length of the heading marker ("## ", "\section{"), 0 for a numbered line, -1 if none. */
    private int headingMarker(int s, int e, int maxChars) {
      char c = text.charAt(s);
      if (c == '#') {
        int k = s;
        while (k < e && text.charAt(k) == '#') {
          k++;
        }
        if (k - s <= 6 && (k == e || text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
          return k - s;
        }
        return -1;
      }
      if (c == '\\') {
        for (String cmd :
            new String[] {"\\chapter", "\\section", "\\subsection", "\\subsubsection"}) {
          if (text.startsWith(cmd, s)) {
            int k = s + cmd.length();
            if (k < e && text.charAt(k) == '*') {
              k++;
            }
            if (k < e && text.charAt(k) == '{') {
              return k + 1 - s;
            }
          }
        }
        return -1;
      }
      if (c >= '0' && c <= '9' && e - s <= maxChars && text.charAt(e - 1) != '.') {
        int k = s;
        while (k < e) {
          char d = text.charAt(k);
          if ((d >= '0' && d <= '9') || (d == '.' && k > s && text.charAt(k - 1) != '.')) {
            k++;
          } else {
            break;
          }
        }
        if (k + 1 < e && text.charAt(k) == ' ' && Character.isUpperCase(text.charAt(k + 1))) {
          return 0;
        }
      }
      return -1;
    }

    /** Lower-cased heading text without numbering, braces and a trailing colon. */
    private String headingTitle(int s, int e) {
      int k = s;
      while (k < e) {
        char d = text.charAt(k);
        if ((d >= '0' && d <= '9') || d == '.' || d == ' ' || d == '#' || d == '\t') {
          k++;
        } else {
          break;
        }
      }
      int end = e;
      while (end > k) {
        char d = text.charAt(end - 1);
        if (d == ':' || d == '}' || d == ' ') {
          end--;
        } else {
          break;
        }
      }
      return text.substring(k, end).toLowerCase(java.util.Locale.ROOT);
    }

    private boolean bracketNumber(int s, int e) {
      if (text.charAt(s) != '[') {
        return false;
      }
      int k = s + 1;
      while (k < e && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
        k++;
      }
      return k > s + 1 && k < e && text.charAt(k) == ']';
    }

    /** Words, symbols, inline math, braces and "javascript" of one prose line. */
    private void scanProseLine(int s, int e, int headingMarker) {
      int mathSymbols = 0;
      int nonSpace = 0;
      int dollars = 0;
      boolean relation = false;
      boolean brace = false;
      boolean backslash = false;
      boolean javascript = false;
      int i = s;
      while (i < e) {
        char ch = text.charAt(i);
        if (ch < 0x80 && ASCII_WORD[ch]) { // fast path; same result as the general branch
          word.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
          if ((ch == 'j' || ch == 'J')
              && !javascript
              && text.regionMatches(true, i, "javascript", 0, 10)) {
            javascript = true;
          }
          nonSpace++;
          i++;
          continue;
        }
        int cp = Character.isHighSurrogate(ch) ? text.codePointAt(i) : ch;
        int width = Character.charCount(cp);
        if (Character.isLetterOrDigit(cp)) {
          word.appendCodePoint(Character.toLowerCase(cp));
          if ((cp == 'j' || cp == 'J')
              && !javascript
              && text.regionMatches(true, i, "javascript", 0, 10)) {
            javascript = true;
          }
          if (isMath(cp)) {
            mathSymbols++;
          }
          nonSpace++;
          i += width;
          continue;
        }
        if ((cp == '\'' || cp == '’')
            && word.length() > 0
            && i + 1 < e
            && Character.isLetter(text.charAt(i + 1))) {
          word.append('\'');
          nonSpace++;
          i += width;
          continue;
        }
        endWord();
        if (!Character.isWhitespace(cp)) {
          nonSpace++;
        }
        switch (cp) {
          case '$' -> {
            boolean escaped = i > s && text.charAt(i - 1) == '\\';
            boolean doubled =
                (i + 1 < e && text.charAt(i + 1) == '$') || (i > s && text.charAt(i - 1) == '$');
            if (!escaped && !doubled) {
              dollars++;
            }
          }
          case '{', '}' -> brace = true;
          case '\\' -> backslash = true;
          case '#' -> {
            if (i >= s + headingMarker) {
              symbols++;
            }
          }
          case '…' -> symbols++;
          case '.' -> {
            if (i + 2 < e && text.charAt(i + 1) == '.' && text.charAt(i + 2) == '.') {
              symbols++;
              i += 2;
            }
          }
          default -> {}
        }
        if (isMath(cp)) {
          mathSymbols++;
          if (isRelation(cp)) {
            relation = true;
          }
        }
        i += width;
      }
      endWord();
      int inline = dollars / 2;
      equations += inline;
      DepthParams.Structure st = params.structure();
      boolean mathLine =
          relation
              && mathSymbols >= st.mathLineMinSymbols()
              && (long) mathSymbols * ONE >= st.mathLineSymbolPpm() * (long) nonSpace;
      if (mathLine && inline == 0) {
        equations++;
      }
      if (brace && !backslash && !mathLine && inline == 0) {
        curlyLines++;
      }
      if (javascript) {
        javascriptLines++;
      }
    }

    private void endWord() {
      if (word.length() == 0) {
        return;
      }
      String w = word.toString();
      word.setLength(0);
      Integer id = vocabulary.get(w);
      if (id == null) {
        id = vocabulary.size();
        vocabulary.put(w, id);
        if (id == lengthOfId.length) {
          lengthOfId = java.util.Arrays.copyOf(lengthOfId, id * 2);
        }
        lengthOfId[id] = w.codePointCount(0, w.length());
      }
      if (words == ids.length) {
        ids = java.util.Arrays.copyOf(ids, words * 2);
      }
      ids[words++] = id;
      wordChars += lengthOfId[id];
    }

    private FactorScore score() {
      DepthParams.Structure st = params.structure();
      DepthParams.Gates g = params.gates();
      long sat = sat(sections, st.sectionsCap());
      long structurePpm =
          (st.sectionsWeight() * sat
                  + st.referencesWeight() * sat(references, st.referencesCap())
                  + st.technicalWeight()
                      * Math.max(
                          sat(equations, st.equationsCap()), sat(codeBlocks, st.codeBlocksCap())))
              / ONE;
      long mtldMilli = mtldMilli();
      DepthParams.Lexical lx = params.lexical();
      long lexicalPpm =
          FactorScore.clamp(
              (mtldMilli - lx.mtldZeroMilli()) * ONE / (lx.mtldFullMilli() - lx.mtldZeroMilli()));
      long connectiveCount = countConnectives();
      long reasoningPpm =
          words == 0
              ? 0
              : Math.min(
                  ONE,
                  connectiveCount
                      * 1000
                      * ONE
                      / (words * params.reasoning().fullPerThousandWords()));
      DepthParams.Weights w = params.weights();
      long raw =
          (w.structure() * structurePpm + w.lexical() * lexicalPpm + w.reasoning() * reasoningPpm)
              / ONE;

      // Gates.
      ObjectNode measured = CanonicalJson.MAPPER.createObjectNode();
      TreeSet<String> failed = new TreeSet<>();
      long meanWordLengthMilli = words == 0 ? 0 : wordChars * 1000 / words;
      long symbolPpm = words == 0 ? 0 : symbols * ONE / words;
      long ellipsisPpm = ratio(ellipsisLines, proseLines);
      long bulletPpm = ratio(bulletLines, proseLines);
      long duplicateLinePpm = ratio(duplicateLines, proseLines);
      long duplicateNgramPpm = duplicateNgramCharPpm(g.duplicateNgramSize());
      long topBigramPpm = topBigramCharPpm();
      long longestRun = longestRun();
      long lorem = loremIpsum();
      long curlyPpm = ratio(curlyLines, proseLines);
      long javascriptPpm = ratio(javascriptLines, proseLines);
      gate(failed, measured, "tooFewWords", words, words < g.minWords());
      gate(
          failed,
          measured,
          "meanWordLength",
          meanWordLengthMilli,
          meanWordLengthMilli < g.minMeanWordLengthMilli()
              || meanWordLengthMilli > g.maxMeanWordLengthMilli());
      gate(failed, measured, "symbolToWord", symbolPpm, symbolPpm > g.maxSymbolToWordPpm());
      gate(failed, measured, "ellipsisLines", ellipsisPpm, ellipsisPpm > g.maxEllipsisLinePpm());
      gate(failed, measured, "bulletLines", bulletPpm, bulletPpm > g.maxBulletLinePpm());
      gate(
          failed,
          measured,
          "duplicateLines",
          duplicateLinePpm,
          duplicateLinePpm > g.maxDuplicateLinePpm());
      gate(
          failed,
          measured,
          "duplicateNgrams",
          duplicateNgramPpm,
          duplicateNgramPpm > g.maxDuplicateNgramCharPpm());
      gate(failed, measured, "topBigram", topBigramPpm, topBigramPpm > g.maxTopBigramCharPpm());
      gate(failed, measured, "repeatedWordRun", longestRun, longestRun > g.maxRepeatedWordRun());
      gate(failed, measured, "loremIpsum", lorem, lorem > g.maxLoremIpsum());
      gate(failed, measured, "curlyBraceLines", curlyPpm, curlyPpm > g.maxCurlyBraceLinePpm());
      gate(
          failed,
          measured,
          "javascriptLines",
          javascriptPpm,
          javascriptPpm > g.maxJavascriptLinePpm());
      long ppm = failed.isEmpty() ? raw : Math.min(raw, g.failCapPpm());

      ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
      evidence.put("words", words);
      evidence.put("proseLines", proseLines);
      evidence.put("sections", sections);
      evidence.put("references", references);
      evidence.put("equations", equations);
      evidence.put("codeBlocks", codeBlocks);
      evidence.put("mtldMilli", mtldMilli);
      evidence.put("connectives", connectiveCount);
      evidence.put(
          "connectivesPerThousandWordsMilli",
          words == 0 ? 0 : connectiveCount * 1000 * 1000 / words);
      evidence.put("structurePpm", structurePpm);
      evidence.put("lexicalPpm", lexicalPpm);
      evidence.put("reasoningPpm", reasoningPpm);
      evidence.put("uncappedPpm", raw);
      ArrayNode failedNode = evidence.putArray("failedGates");
      failed.forEach(failedNode::add);
      evidence.set("gateMeasurements", measured);

      String explanation =
          failed.isEmpty()
              ? String.format(
                  "%d sections, %d references, %d equations, %d code blocks; MTLD %d.%03d;"
                      + " %d reasoning connectives in %d words.",
                  sections,
                  references,
                  equations,
                  codeBlocks,
                  mtldMilli / 1000,
                  mtldMilli % 1000,
                  connectiveCount,
                  words)
              : "Failed quality gates "
                  + String.join(", ", failed)
                  + "; depth capped at "
                  + g.failCapPpm()
                  + " ppm.";
      return new FactorScore(FACTOR, FactorScore.clamp(ppm), true, evidence, explanation);
    }

    private void gate(
        Set<String> failed, ObjectNode measured, String name, long value, boolean fails) {
      measured.put(name, value);
      if (fails) {
        failed.add(name);
      }
    }

    private long ratio(long part, long whole) {
      return whole == 0 ? 0 : part * ONE / whole;
    }

    private long sat(long count, long cap) {
      return Math.min(count, cap) * ONE / cap;
    }

    /** floor(1000 · (forward + backward) / 2), exactly. */
    private long mtldMilli() {
      if (words == 0) {
        return 0;
      }
      int[] stamp = new int[vocabulary.size()];
      java.util.Arrays.fill(stamp, -1);
      long t = params.lexical().mtldThresholdPpm();
      BigInteger[] f = mtld(stamp, false, t, 0);
      BigInteger[] b = mtld(stamp, true, t, words + 1);
      // a/b + c/d = (a·d + c·b) / (b·d)
      BigInteger num =
          f[0].multiply(b[1]).add(b[0].multiply(f[1])).multiply(BigInteger.valueOf(1000));
      BigInteger den = f[1].multiply(b[1]).shiftLeft(1);
      return num.divide(den).longValueExact();
    }

    /** One direction of MTLD as {numerator, denominator}. */
    private BigInteger[] mtld(int[] stamp, boolean backward, long t, int segmentBase) {
      long factors = 0;
      long types = 0;
      long tokens = 0;
      int segment = segmentBase;
      for (int k = 0; k < words; k++) {
        int id = ids[backward ? words - 1 - k : k];
        tokens++;
        if (stamp[id] != segment) {
          stamp[id] = segment;
          types++;
        }
        if (types * ONE <= t * tokens) {
          factors++;
          types = 0;
          tokens = 0;
          segment++;
        }
      }
      // factors + (tokens - types)·10⁶ / (tokens·(10⁶ − t))
      BigInteger pd =
          BigInteger.valueOf(tokens == 0 ? 1 : tokens).multiply(BigInteger.valueOf(ONE - t));
      BigInteger pn = tokens == 0 ? BigInteger.ZERO : BigInteger.valueOf((tokens - types) * ONE);
      BigInteger factorNum = BigInteger.valueOf(factors).multiply(pd).add(pn);
      if (factorNum.signum() == 0) {
        return new BigInteger[] {BigInteger.valueOf(words), BigInteger.ONE};
      }
      return new BigInteger[] {BigInteger.valueOf(words).multiply(pd), factorNum};
    }

    private long countConnectives() {
      Map<Integer, List<int[]>> byFirst = new HashMap<>();
      for (String[] phrase : connectives) {
        int[] resolved = new int[phrase.length];
        boolean present = true;
        for (int k = 0; k < phrase.length && present; k++) {
          if (phrase[k] == null) {
            resolved[k] = -1;
          } else {
            Integer id = vocabulary.get(phrase[k]);
            present = id != null;
            resolved[k] = present ? id : -2;
          }
        }
        if (present) {
          byFirst.computeIfAbsent(resolved[0], x -> new ArrayList<>()).add(resolved);
        }
      }
      if (byFirst.isEmpty()) {
        return 0;
      }
      int gap = params.reasoning().gapWords();
      long count = 0;
      for (int i = 0; i < words; i++) {
        List<int[]> candidates = byFirst.get(ids[i]);
        if (candidates == null) {
          continue;
        }
        for (int[] phrase : candidates) {
          if (matches(phrase, i, gap)) {
            count++;
          }
        }
      }
      return count;
    }

    private boolean matches(int[] phrase, int at, int gap) {
      int pos = at;
      for (int k = 1; k < phrase.length; k++) {
        if (phrase[k] == -1) {
          int want = phrase[++k];
          int limit = Math.min(words - 1, pos + 1 + gap);
          int found = -1;
          for (int p = pos + 1; p <= limit; p++) {
            if (ids[p] == want) {
              found = p;
              break;
            }
          }
          if (found < 0) {
            return false;
          }
          pos = found;
        } else {
          pos++;
          if (pos >= words || ids[pos] != phrase[k]) {
            return false;
          }
        }
      }
      return true;
    }

    /** Characters of words covered by n-grams occurring more than once, ppm of word characters. */
    private long duplicateNgramCharPpm(int n) {
      int[] first = Ngrams.firstOccurrences(ids, words, n);
      if (first == null || wordChars == 0) {
        return 0;
      }
      int[] occurrences = new int[first.length];
      for (int f : first) {
        occurrences[f]++;
      }
      long covered = 0;
      int coveredEnd = 0;
      for (int i = 0; i < first.length; i++) {
        if (occurrences[first[i]] > 1) {
          for (int p = Math.max(i, coveredEnd); p < i + n; p++) {
            covered += lengthOfId[ids[p]];
          }
          coveredEnd = i + n;
        }
      }
      return covered * ONE / wordChars;
    }

    /**
     * The most frequent word bigram (ties: the one with more characters): its occurrences times its
     * characters, ppm of word characters.
     */
    private long topBigramCharPpm() {
      int[] first = Ngrams.firstOccurrences(ids, words, 2);
      if (first == null || wordChars == 0) {
        return 0;
      }
      int[] occurrences = new int[first.length];
      for (int f : first) {
        occurrences[f]++;
      }
      long bestCount = 0;
      long bestChars = 0;
      for (int i = 0; i < first.length; i++) {
        if (first[i] == i) {
          long chars = lengthOfId[ids[i]] + lengthOfId[ids[i + 1]];
          if (occurrences[i] > bestCount || (occurrences[i] == bestCount && chars > bestChars)) {
            bestCount = occurrences[i];
            bestChars = chars;
          }
        }
      }
      return Math.min(ONE, bestCount * bestChars * ONE / wordChars);
    }

    private long longestRun() {
      long best = words == 0 ? 0 : 1;
      long run = 1;
      for (int i = 1; i < words; i++) {
        run = ids[i] == ids[i - 1] ? run + 1 : 1;
        best = Math.max(best, run);
      }
      return best;
    }

    private long loremIpsum() {
      Integer lorem = vocabulary.get("lorem");
      Integer ipsum = vocabulary.get("ipsum");
      if (lorem == null || ipsum == null) {
        return 0;
      }
      long count = 0;
      for (int i = 1; i < words; i++) {
        if (ids[i] == ipsum && ids[i - 1] == lorem) {
          count++;
        }
      }
      return count;
    }
  }

  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c);
    }
  }

  private static boolean isRelation(int cp) {
    return cp == '=' || cp == '≤' || cp == '≥' || cp == '≠' || cp == '≈' || cp == '≡' || cp == '∈'
        || cp == '→' || cp == '⇒' || cp == '⇔' || cp == '∝' || cp == '∼';
  }

  private static boolean isMath(int cp) {
    return switch (cp) {
      case '=', '+', '-', '*', '/', '^', '_', '<', '>', '|' -> true;
      default -> (cp >= 0x2190 && cp <= 0x22FF) || (cp >= 0x0391 && cp <= 0x03C9);
    };
  }
}
