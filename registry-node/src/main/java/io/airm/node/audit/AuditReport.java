package io.airm.node.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.node.api.WireFormat;
import java.util.ArrayList;
import java.util.List;

/** The checks an audit ran, each passed or failed with what was computed and expected. */
public final class AuditReport {
  /** One named check. */
  public record Check(String name, boolean passed, String detail) {}

  private final String subject;
  private final List<Check> checks = new ArrayList<>();

  public AuditReport(String subject) {
    this.subject = subject;
  }

  /** Records a check. */
  public AuditReport add(String name, boolean passed, String detail) {
    checks.add(new Check(name, passed, detail));
    return this;
  }

  /** Every check, in the order they ran. */
  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** Whether every check passed (and at least one ran). */
  public boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  /** The first failed check, if any. */
  public java.util.Optional<Check> firstFailure() {
    return checks.stream().filter(c -> !c.passed()).findFirst();
  }

  /** The report as JSON. */
  public ObjectNode toJson() {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("subject", subject);
    node.put("verified", passed());
    ArrayNode list = node.putArray("checks");
    for (Check check : checks) {
      ObjectNode c = list.addObject();
      c.put("check", check.name());
      c.put("passed", check.passed());
      c.put("detail", check.detail());
    }
    return node;
  }
}
