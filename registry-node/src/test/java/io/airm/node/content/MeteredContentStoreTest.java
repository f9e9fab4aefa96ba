package io.airm.node.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.kubo.KuboConfig;
import io.airm.ipfs.kubo.KuboRpcClient;
import io.airm.node.domain.ErrorKind;
import io.airm.node.domain.RegistryException;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Kubo node that is not there is a failure of the store, counted; a client's mistake is not. */
class MeteredContentStoreTest {
  private static final String CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

  private final List<String> failures = new ArrayList<>();

  @Test
  void aKuboNodeOnAClosedPort_countsEachFailedOperation() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    KuboRpcClient kubo =
        KuboRpcClient.create(KuboConfig.defaults(URI.create("http://127.0.0.1:" + closed)));
    var store =
        new MeteredContentStore(
            new KuboContent(kubo, true), "kubo", (s, op) -> failures.add(s + "/" + op));

    assertThatThrownBy(() -> store.block(CID))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
    assertThatThrownBy(
            () ->
                store.store(
                    () -> new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), CID))
        .isInstanceOf(RegistryException.class);
    assertThat(failures).containsExactly("kubo/block", "kubo/store");

    assertThatThrownBy(() -> store.block("not-a-cid")).isInstanceOf(RegistryException.class);
    assertThat(failures).hasSize(2); // a malformed CID is the client's mistake
  }
}
