package io.airm.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.QualityFactors;
import io.airm.valuation.input.ValuationInput;
import io.airm.valuation.json.CanonicalJson;
import io.airm.valuation.model.ScoringModel;
import java.util.Random;

/**
 * Throughput of the five quality factors over a synthetic corpus: {@code works} texts of about
 * {@code kilobytes} KB each (headings, prose from a 5,000-word vocabulary, citations, some
 * equations and code; 5% near-copies of earlier texts), scored with the published model.
 *
 * <p>Usage: {@code QualityBenchmark [works=10000] [kilobytes=20] [threads=2] [seed=1]}
 */
public final class QualityBenchmark {
  private QualityBenchmark() {}

  public static void main(String[] args) {
    int works = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int kilobytes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    Random random = new Random(seed);
    String[] vocabulary = new String[5000];
    for (int i = 0; i < vocabulary.length; i++) {
      StringBuilder word = new StringBuilder();
      int length = 2 + random.nextInt(9);
      for (int j = 0; j < length; j++) {
        word.append((char) ('a' + random.nextInt(26)));
      }
      vocabulary[i] = word.toString();
    }
    String[] connectives = {"because", "therefore", "however", "thus", "hence", "since"};
    ObjectNode input = CanonicalJson.MAPPER.createObjectNode();
    input.put("format", "airm-valuation-input/1");
    input.put("referenceTime", 1_790_000_000L);
    input.putObject("pool").put("id", "bench").put("amountWei", "1000000000000000000");
    input.putObject("influence").put("method", "none");
    ArrayNode list = input.putArray("works");
    String[] texts = new String[works];
    long bytes = 0;
    for (int i = 0; i < works; i++) {
      if (i > 20 && random.nextInt(20) == 0) {
        texts[i] = texts[random.nextInt(i)].replaceFirst(" ", " changed ");
      } else {
        StringBuilder text = new StringBuilder("# Title " + i + "\n\n");
        while (text.length() < kilobytes * 1024) {
          if (random.nextInt(40) == 0) {
            text.append("\n\n## Section ").append(text.length()).append("\n\n");
          }
          if (random.nextInt(60) == 0) {
            text.append(" doi:10.")
                .append(1000 + random.nextInt(9000))
                .append("/x")
                .append(i)
                .append(' ');
          }
          if (random.nextInt(80) == 0) {
            text.append("\n\n$$E = m c^2 + ").append(random.nextInt(100)).append("$$\n\n");
          }
          text.append(
              random.nextInt(15) == 0
                  ? connectives[random.nextInt(connectives.length)]
                  : vocabulary[random.nextInt(vocabulary.length)]);
          text.append(random.nextInt(12) == 0 ? ". " : " ");
        }
        texts[i] = text.toString();
      }
      bytes += texts[i].length();
      ObjectNode work = list.addObject();
      work.put("workId", String.format("0x%064x", i + 1));
      work.put("logIndex", i);
      work.put("creator", String.format("0x%040x", 1 + i % 500));
      work.put("kind", "text");
      work.put("text", texts[i]);
      work.putArray("payees")
          .addObject()
          .put("account", String.format("0x%040x", 1 + i % 500))
          .put("sharesBps", 10_000);
      work.put("signed", true);
      work.put("contentRetrievable", true);
    }
    ValuationInput parsed = ValuationInput.parse(input);
    ScoringModel model = ScoringModel.defaultModel();
    QualityFactors.score(parsed, model, threads); // warm-up pass (JIT)
    long start = System.nanoTime();
    var scores = QualityFactors.score(parsed, model, threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "quality factors: %,d texts (mean %.1f KB) in %.2f s with %d threads: %.0f works/s%n",
        scores.size(), bytes / 1024.0 / works, seconds, threads, works / seconds);
  }
}
