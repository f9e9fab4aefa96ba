package io.airm.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.ipfs.cid.Cid;
import io.airm.node.audit.GatewayFetcher;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool auditor's fetcher reads the node's own trustless gateway, CIDv1 and CIDv0 alike. */
class GatewayFetcherAgainstNodeTest {
  GatewayHarness node;
  Path file;
  byte[] content;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    node = new GatewayHarness(dir);
    content = new byte[600_000]; // three chunks: a dag-pb root over leaves
    new Random(3).nextBytes(content);
    file = Files.write(dir.resolve("work.bin"), content);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void fetch_verifiesAndAssemblesWhatTheNodeServes() throws Exception {
    GatewayFetcher fetcher = new GatewayFetcher(URI.create(node.url));
    String v1 = node.register(file, false);
    assertThat(fetcher.fetch(Cid.parse(v1))).isEqualTo(content);
  }

  @Test
  void fetch_readsACidV0Registration() throws Exception {
    String v0 = node.register(file, true);
    assertThat(v0).startsWith("Qm");
    assertThat(new GatewayFetcher(URI.create(node.url + "/")).fetch(Cid.parse(v0)))
        .isEqualTo(content);
  }
}
