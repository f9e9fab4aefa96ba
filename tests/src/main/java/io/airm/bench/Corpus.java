package io.airm.bench;

import java.util.Random;

/**
 * Seeded synthetic works for the settlement benchmarks: markdown texts on one of eight topics, each
 * with its own vocabulary over a shared stock of English function words, plus words coined for the
 * one text so that no two texts are near-copies; and int8 embeddings that cluster by topic, as a
 * model's would.
 */
final class Corpus {
  /** How many topics there are; a work's topic is also its label in the evidence. */
  static final int TOPICS = 8;

  private static final String[] TOPIC_NAMES = {
    "astronomy", "cooking", "contract law", "cardiology",
    "distributed systems", "music theory", "wetland ecology", "monetary policy"
  };

  private static final String[][] VOCABULARY = {
    {
      "telescope",
      "orbit",
      "galaxy",
      "nebula",
      "spectrum",
      "redshift",
      "parallax",
      "luminosity",
      "exoplanet",
      "transit",
      "photometry",
      "aperture",
      "eclipse",
      "comet",
      "asteroid",
      "quasar",
      "supernova",
      "magnitude",
      "declination",
      "ascension",
      "observatory",
      "infrared",
      "dust",
      "accretion",
      "binary",
      "cluster",
      "cosmology",
      "horizon",
      "perihelion",
      "solar",
      "lunar"
    },
    {
      "braise", "saute", "emulsion", "stock", "reduction", "knead", "ferment", "dough", "caramel",
      "simmer", "marinade", "roux", "vinaigrette", "zest", "brine", "sear", "crumb", "yeast",
      "saffron", "shallot", "glaze", "custard", "broth", "skillet", "oven", "gluten", "umami",
      "acidity", "butter", "pastry", "herbs"
    },
    {
      "consideration",
      "breach",
      "remedy",
      "damages",
      "tort",
      "statute",
      "precedent",
      "clause",
      "indemnity",
      "warranty",
      "plaintiff",
      "defendant",
      "jurisdiction",
      "estoppel",
      "offer",
      "acceptance",
      "rescission",
      "arbitration",
      "liability",
      "covenant",
      "novation",
      "assignment",
      "tribunal",
      "appeal",
      "equity",
      "injunction",
      "negligence",
      "fiduciary",
      "settlement",
      "counsel",
      "verdict"
    },
    {
      "ventricle", "atrium", "arrhythmia", "infarction", "stent", "catheter", "ischemia",
      "systolic", "diastolic", "troponin", "echocardiogram", "valve", "aorta", "murmur",
      "fibrillation", "angina", "statin", "anticoagulant", "pacemaker", "ejection", "fraction",
      "myocardium", "coronary", "hypertension", "bradycardia", "tachycardia", "lesion", "artery",
      "biomarker", "cohort", "placebo"
    },
    {
      "consensus",
      "replica",
      "partition",
      "quorum",
      "leader",
      "follower",
      "latency",
      "throughput",
      "idempotent",
      "linearizable",
      "snapshot",
      "shard",
      "gossip",
      "heartbeat",
      "failover",
      "timeout",
      "clock",
      "vector",
      "causality",
      "commit",
      "rollback",
      "journal",
      "backpressure",
      "retry",
      "lease",
      "membership",
      "checkpoint",
      "compaction",
      "raft",
      "paxos",
      "tail"
    },
    {
      "cadence",
      "interval",
      "chord",
      "tonic",
      "dominant",
      "subdominant",
      "modulation",
      "counterpoint",
      "fugue",
      "harmony",
      "melody",
      "rhythm",
      "meter",
      "syncopation",
      "octave",
      "triad",
      "seventh",
      "inversion",
      "scale",
      "mode",
      "dorian",
      "mixolydian",
      "voicing",
      "resolution",
      "suspension",
      "tempo",
      "motif",
      "sonata",
      "exposition",
      "timbre",
      "ostinato"
    },
    {
      "marsh",
      "sediment",
      "estuary",
      "reed",
      "peat",
      "hydrology",
      "nitrogen",
      "phosphorus",
      "amphibian",
      "heron",
      "salinity",
      "inundation",
      "biomass",
      "decomposition",
      "invertebrate",
      "habitat",
      "restoration",
      "floodplain",
      "groundwater",
      "algae",
      "sedge",
      "wetland",
      "carbon",
      "transect",
      "vegetation",
      "drainage",
      "beaver",
      "migration",
      "larvae",
      "delta",
      "tidal"
    },
    {
      "inflation",
      "interest",
      "rate",
      "liquidity",
      "reserve",
      "bond",
      "yield",
      "curve",
      "monetary",
      "fiscal",
      "deflation",
      "expectations",
      "transmission",
      "credit",
      "lending",
      "balance",
      "sheet",
      "easing",
      "tightening",
      "currency",
      "exchange",
      "output",
      "gap",
      "unemployment",
      "wages",
      "forward",
      "guidance",
      "mandate",
      "central",
      "bank",
      "spread"
    },
  };

  private static final String[] COMMON = {
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "this",
    "are",
    "or",
    "from",
    "at",
    "which",
    "but",
    "an",
    "have",
    "more",
    "can",
    "when",
    "their",
    "we",
    "one",
    "all",
    "there",
    "been",
    "has",
    "would",
    "these",
    "other",
    "its",
    "most",
    "than",
    "some",
    "each",
    "only",
    "into",
    "often",
    "between",
    "under",
    "after",
    "shows",
    "suggests",
    "measures",
    "changes",
    "depends",
    "remains",
    "explains",
    "compares",
    "first",
    "second",
    "later",
    "early",
    "small",
    "large",
    "strong",
    "weak",
    "common",
    "rare"
  };

  private static final String[] CONNECTIVES = {
    "because", "therefore", "however", "thus", "hence", "since", "although", "consequently"
  };

  private Corpus() {}

  /** The name of a topic. */
  static String topicName(int topic) {
    return TOPIC_NAMES[topic];
  }

  /**
   * A markdown text on {@code topic} of {@code minBytes} to {@code maxBytes} (ASCII, so bytes are
   * characters): a title, then paragraphs under occasional section headings, with connectives, now
   * and then a DOI, and words coined for this text alone.
   */
  static String text(Random random, int topic, int minBytes, int maxBytes) {
    int target = minBytes + random.nextInt(Math.max(1, maxBytes - minBytes));
    String[] own = new String[12];
    for (int i = 0; i < own.length; i++) {
      own[i] = coined(random);
    }
    StringBuilder text = new StringBuilder(target + 200);
    text.append("# ")
        .append(capitalised(word(random, topic)))
        .append(' ')
        .append(word(random, topic))
        .append(" and ")
        .append(own[0])
        .append("\n\n");
    while (text.length() < target) {
      if (target > 1500 && random.nextInt(4) == 0) {
        text.append("## ").append(capitalised(word(random, topic))).append("\n\n");
      }
      int sentences = 2 + random.nextInt(5);
      for (int s = 0; s < sentences && text.length() < target; s++) {
        sentence(random, topic, own, text);
      }
      text.append("\n\n");
    }
    if (random.nextInt(3) == 0) {
      text.append("See doi:10.")
          .append(1000 + random.nextInt(9000))
          .append('/')
          .append(own[1])
          .append(".\n");
    }
    return text.toString();
  }

  private static void sentence(Random random, int topic, String[] own, StringBuilder text) {
    int words = 8 + random.nextInt(13);
    for (int w = 0; w < words; w++) {
      String next;
      int roll = random.nextInt(100);
      if (w > 0 && roll < 5) {
        next = CONNECTIVES[random.nextInt(CONNECTIVES.length)];
      } else if (roll < 50) {
        next = COMMON[random.nextInt(COMMON.length)];
      } else if (roll < 85) {
        next = word(random, topic);
      } else if (roll < 90) {
        next = word(random, random.nextInt(TOPICS));
      } else {
        next = own[random.nextInt(own.length)];
      }
      text.append(w == 0 ? capitalised(next) : next);
      text.append(w == words - 1 ? ". " : " ");
    }
  }

  private static String word(Random random, int topic) {
    String[] words = VOCABULARY[topic];
    return words[random.nextInt(words.length)];
  }

  private static String coined(Random random) {
    String consonants = "bcdfghklmnprstvz";
    String vowels = "aeiou";
    StringBuilder word = new StringBuilder();
    int syllables = 2 + random.nextInt(3);
    for (int i = 0; i < syllables; i++) {
      word.append(consonants.charAt(random.nextInt(consonants.length())));
      word.append(vowels.charAt(random.nextInt(vowels.length())));
    }
    return word.toString();
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** The int8 centroid of a topic's embeddings: the same for every run. */
  static byte[] centroid(int topic, int dims) {
    Random random = new Random(0xA1C0L * 31 + topic);
    byte[] v = new byte[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (byte) (random.nextInt(121) - 60);
    }
    return v;
  }

  /** An int8 embedding near its topic's centroid. */
  static byte[] embedding(Random random, int topic, int dims) {
    byte[] centroid = centroid(topic, dims);
    byte[] v = new byte[dims];
    for (int i = 0; i < dims; i++) {
      long value = Math.round(centroid[i] + random.nextGaussian() * 25);
      v[i] = (byte) Math.max(-128, Math.min(127, value));
    }
    return v;
  }
}
