package io.airm.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airm.chain.eth.Bytes32;
import io.airm.node.api.WireFormat;
import io.airm.node.domain.Anchor;
import io.airm.node.domain.InclusionProof;
import io.airm.node.domain.Work;
import io.airm.node.domain.WorkView;

/** The JSON shapes of works in answers. */
final class WorkJson {
  private WorkJson() {}

  /** The answer to a registration: where the work stands in the log. */
  static ObjectNode accepted(Work work) {
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("workId", work.workId().hex());
    node.put("logIndex", work.logIndex());
    node.put("cid", work.registration().cid());
    node.put("state", "pending");
    node.put("location", WorksEndpoint.WORKS + "/" + work.workId().hex());
    return node;
  }

  /** The full record, its state, its checkpoint and its inclusion proof. */
  static ObjectNode view(WorkView view) {
    Work work = view.work();
    ObjectNode node = WireFormat.JSON.createObjectNode();
    node.put("workId", work.workId().hex());
    node.put("state", view.state().apiName());
    node.put("logIndex", work.logIndex());
    node.put("registeredAt", work.registeredAt().toString());
    node.set("registration", WireFormat.registration(work.registration()));
    node.put("signature", work.signature().toHex());
    work.metadata().ifPresent(m -> node.put("metadata", m));
    node.put("contentAvailable", work.contentStored());
    if (view.anchor().isPresent()) {
      Anchor anchor = view.anchor().get();
      ObjectNode checkpoint = node.putObject("checkpoint");
      checkpoint.put("treeSize", anchor.treeSize());
      checkpoint.put("root", anchor.root().hex());
      checkpoint.put("txHash", anchor.txHash().hex());
      anchor.blockNumber().ifPresent(b -> checkpoint.put("blockNumber", b));
      anchor.blockHash().ifPresent(h -> checkpoint.put("blockHash", h.hex()));
      checkpoint.put("status", anchor.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (view.proof().isPresent()) {
      InclusionProof proof = view.proof().get();
      ObjectNode inclusion = node.putObject("inclusionProof");
      inclusion.put("leafIndex", proof.leafIndex());
      inclusion.put("treeSize", proof.treeSize());
      inclusion.put("leafHash", proof.leafHash().hex());
      ArrayNode hashes = inclusion.putArray("hashes");
      proof.hashes().stream().map(Bytes32::hex).forEach(hashes::add);
    }
    return node;
  }
}
