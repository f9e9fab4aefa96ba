package io.airm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.kubo.JsIpfsDaemon;
import io.airm.ipfs.kubo.KuboConfig;
import io.airm.ipfs.kubo.KuboRpcClient;
import io.airm.localchain.DevAccounts;
import io.airm.node.RegistryNode;
import io.airm.node.client.RegistryClient;
import io.airm.node.client.WorkSigner;
import io.airm.node.config.ConfigSource;
import io.airm.node.config.NodeConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node configured with a Kubo endpoint (a real Kubo-RPC-compatible js-ipfs daemon) keeps
 * registered content there, pinned, and serves it back verified.
 */
class KuboNodeIT {
  @TempDir Path dir;

  @Test
  void registeredWorks_areAddedAndPinnedOnTheKuboNode_andServedBack() throws Exception {
    try (JsIpfsDaemon kubo = JsIpfsDaemon.start()) {
      NodeConfig config =
          NodeConfig.from(
              ConfigSource.of(
                  Map.of(
                      "data.dir",
                      dir.resolve("node").toString(),
                      "port",
                      "0",
                      "anchor.interval",
                      "PT1H",
                      "ipfs.kubo-url",
                      kubo.apiUrl().toString()),
                  Optional.empty()));
      try (RegistryNode node = RegistryNode.start(config)) {
        RegistryClient client = new RegistryClient(node.url());
        WorkSigner creator = new WorkSigner(DevAccounts.key(6));
        Path file = dir.resolve("work.bin");
        byte[] bytes = new byte[700_000]; // three chunks: a DAG, not a single block
        new Random(6).nextBytes(bytes);
        Files.write(file, bytes);
        WorkSigner.Signed signed = creator.signFile(file, client.domain());

        RegistryClient.Answer answer =
            client.register(
                signed.registration(), signed.signature(), Optional.empty(), Optional.of(file));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        Cid cid = Cid.parse(signed.registration().cid());
        KuboRpcClient direct = KuboRpcClient.create(KuboConfig.defaults(kubo.apiUrl()));
        assertThat(direct.pinLs()).contains(cid);
        try (InputStream in = direct.cat(cid)) {
          assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        try (InputStream in = client.content(cid.toString())) {
          assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(Files.exists(config.blocksDir())).isFalse();
      }
    }
  }
}
