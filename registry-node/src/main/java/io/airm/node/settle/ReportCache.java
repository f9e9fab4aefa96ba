package io.airm.node.settle;

import com.fasterxml.jackson.databind.JsonNode;
import io.airm.chain.eth.Address;
import io.airm.node.domain.ContentStore;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import io.airm.valuation.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valuation reports read back from IPFS (verified block by block), a few kept parsed. */
public final class ReportCache {
  private static final int KEEP = 8;

  private final ContentStore content;
  private final Map<String, JsonNode> reports =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
              return size() > KEEP;
            }
          });

  public ReportCache(ContentStore content) {
    this.content = content;
  }

  /** The report with this CID. */
  public JsonNode report(String cid) {
    JsonNode cached = reports.get(cid);
    if (cached != null) {
      return cached;
    }
    try (InputStream in =
        content
            .open(cid)
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorKind.UNAVAILABLE, "The valuation report " + cid + " is not held"))) {
      JsonNode report = CanonicalJson.MAPPER.readTree(in);
      reports.put(cid, report);
      return report;
    } catch (IOException e) {
      throw new RegistryException(
          ErrorKind.UNAVAILABLE, "Cannot read the valuation report " + cid + ": " + e, e);
    }
  }

  /** The report entries of the works that pay {@code account}, each factor explained. */
  public List<JsonNode> worksPaying(String cid, Address account) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode work : report(cid).path("works")) {
      for (JsonNode payee : work.path("payees")) {
        if (account.value().equals(payee.path("account").asText())) {
          found.add(work);
          break;
        }
      }
    }
    return found;
  }
}
