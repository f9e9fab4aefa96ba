package io.airm.valuation.expertise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.valuation.ValuationException;
import io.airm.valuation.factor.FactorScore;
import io.airm.valuation.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scores the {@code expertise} factor: trusted, verified credentials about the creator plus the
 * creator's record in the registry.
 *
 * <p>A credential counts only if, checked in this order (the first failure is the reason given): it
 * is well formed ({@code malformed}); its signature recovers an address ({@code badSignature});
 * that address is the stated issuer ({@code issuerMismatch}); the issuer is trusted ({@code
 * untrustedIssuer}) for the credential's field ({@code fieldNotTrusted}); the subject is the
 * creator ({@code subjectMismatch}); and {@code issuedAt ≤ referenceTime < expiresAt} ({@code
 * notYetValid}, {@code expired}). Each trusted issuer counts once however many credentials it
 * signed: credentials sub-score = {@code min(10⁶, Σ weight of distinct accepted issuers)}. Record
 * sub-score = {@code n·10⁶/(n + half)}. Score = {@code (credentialsWeight · credentials +
 * recordWeight · record) / 10⁶}, floor. The score does not depend on the order of credentials:
 * evidence lists are sorted by the credential's id (SHA-256 of its canonical JSON).
 */
public final class ExpertiseScorer {
  /** The factor's name in reports. */
  public static final String FACTOR = "expertise";

  private static final long ONE = FactorScore.ONE;

  private final ExpertiseParams params;

  public ExpertiseScorer(ExpertiseParams params) {
    this.params = params;
  }

  /** A checked credential: accepted (reason empty) or rejected with a reason. */
  private record Checked(
      String id, Optional<Credential> credential, String issuer, String reason) {}

  /** Scores one work. */
  public FactorScore score(ExpertiseInput input) {
    List<Checked> checked = new ArrayList<>();
    for (JsonNode envelope : input.credentials()) {
      checked.add(check(envelope, input));
    }
    checked.sort(Comparator.comparing(Checked::id).thenComparing(Checked::reason));

    Map<String, Long> acceptedIssuers = new TreeMap<>();
    ObjectNode evidence = CanonicalJson.MAPPER.createObjectNode();
    ArrayNode accepted = evidence.putArray("accepted");
    ArrayNode rejected = evidence.putArray("rejected");
    for (Checked c : checked) {
      if (c.reason().isEmpty()) {
        Credential cred = c.credential().orElseThrow();
        acceptedIssuers.put(cred.issuer(), params.trustedIssuers().get(cred.issuer()).weight());
        ObjectNode a = accepted.addObject();
        a.put("id", c.id());
        a.put("issuer", cred.issuer());
        a.put("field", cred.field());
        a.put("claim", cred.claim());
        a.put("expiresAt", cred.expiresAt());
      } else {
        ObjectNode r = rejected.addObject();
        r.put("id", c.id());
        r.put("issuer", c.issuer());
        r.put("reason", c.reason());
      }
    }
    long credentialSum = acceptedIssuers.values().stream().mapToLong(Long::longValue).sum();
    long credentialsPpm = Math.min(ONE, credentialSum);
    long n = input.earlierWorks();
    long recordPpm = n * ONE / (n + params.recordHalfSaturationWorks());
    long ppm =
        (params.credentialsWeight() * credentialsPpm + params.recordWeight() * recordPpm) / ONE;

    ArrayNode issuers = evidence.putArray("countedIssuers");
    acceptedIssuers.keySet().forEach(issuers::add);
    evidence.put("credentialsPpm", credentialsPpm);
    evidence.put("earlierWorks", n);
    evidence.put("recordPpm", recordPpm);
    evidence.put("referenceTime", input.referenceTime());
    String explanation =
        String.format(
            "%d trusted issuer(s) vouch for the creator (%d credential(s) rejected);"
                + " %d earlier registered work(s).",
            acceptedIssuers.size(), rejected.size(), n);
    return new FactorScore(FACTOR, FactorScore.clamp(ppm), true, evidence, explanation);
  }

  private Checked check(JsonNode envelope, ExpertiseInput input) {
    String id = id(envelope);
    JsonNode issuerNode = envelope == null ? null : envelope.path("statement").get("issuer");
    String statedIssuer =
        issuerNode != null && issuerNode.isTextual() ? issuerNode.textValue() : "";
    Credential c;
    try {
      c = Credential.parse(envelope);
    } catch (ValuationException e) {
      return new Checked(id, Optional.empty(), statedIssuer, "malformed");
    }
    Optional<String> signer = c.recoveredSigner();
    String reason;
    if (signer.isEmpty()) {
      reason = "badSignature";
    } else if (!signer.get().equals(c.issuer())) {
      reason = "issuerMismatch";
    } else if (!params.trustedIssuers().containsKey(c.issuer())) {
      reason = "untrustedIssuer";
    } else if (!params.trustedIssuers().get(c.issuer()).covers(c.field())) {
      reason = "fieldNotTrusted";
    } else if (!c.subject().equals(input.creator())) {
      reason = "subjectMismatch";
    } else if (input.referenceTime() < c.issuedAt()) {
      reason = "notYetValid";
    } else if (input.referenceTime() >= c.expiresAt()) {
      reason = "expired";
    } else {
      reason = "";
    }
    return new Checked(id, Optional.of(c), c.issuer(), reason);
  }

  /** SHA-256 of the envelope's canonical JSON (of its plain JSON text if it holds non-integers). */
  private static String id(JsonNode envelope) {
    if (envelope == null) {
      return CanonicalJson.sha256(new byte[0]);
    }
    try {
      return CanonicalJson.sha256(envelope);
    } catch (ValuationException e) {
      return CanonicalJson.sha256(envelope.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
