package io.airm.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.block.CorruptBlockException;
import io.airm.ipfs.cid.Cid;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayFetcherTest {
  final InMemoryGateway gateway = new InMemoryGateway();

  @AfterEach
  void stop() {
    gateway.close();
  }

  static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void fetch_assemblesAMultiBlockFile() {
    byte[] content = bytes(700_000); // three 256 KiB chunks under one dag-pb root
    String cid = gateway.add(content);
    assertThat(cid).startsWith("bafybei");
    assertThat(new GatewayFetcher(gateway.uri()).fetch(Cid.parse(cid))).isEqualTo(content);
  }

  @Test
  void fetch_readsASingleRawBlock() {
    byte[] content = bytes(100);
    String cid = gateway.add(content);
    assertThat(cid).startsWith("bafkrei");
    assertThat(new GatewayFetcher(gateway.uri()).fetch(Cid.parse(cid))).isEqualTo(content);
  }

  @Test
  void fetch_refusesABlockThatDoesNotHashToItsCid() {
    String cid = gateway.add(bytes(700_000));
    gateway.corrupt(cid);
    assertThatThrownBy(() -> new GatewayFetcher(gateway.uri()).fetch(Cid.parse(cid)))
        .isInstanceOf(CorruptBlockException.class);
  }

  @Test
  void fetch_refusesAnAnswerThatIsNotACar() {
    String cid = gateway.add(bytes(100));
    gateway.ignoreAccept();
    assertThatThrownBy(() -> new GatewayFetcher(gateway.uri()).fetch(Cid.parse(cid)))
        .isInstanceOf(IpfsException.class)
        .hasMessageContaining("with Content-Type 'text/plain', not a CAR");
  }

  @Test
  void fetch_namesTheUrlOfAMissingFile() {
    Cid missing = Cid.parse(io.airm.node.settlement.SettlementFixture.cid(bytes(10)));
    assertThatThrownBy(() -> new GatewayFetcher(gateway.uri()).fetch(missing))
        .isInstanceOf(IpfsException.class)
        .hasMessageContaining("answered 404 for " + gateway.uri() + "/ipfs/" + missing);
  }

  @Test
  void fetch_stopsAtTheSizeLimit() {
    String cid = gateway.add(bytes(700_000));
    GatewayFetcher small =
        new GatewayFetcher(
            gateway.uri(), HttpClient.newHttpClient(), Duration.ofSeconds(30), 100_000);
    assertThatThrownBy(() -> small.fetch(Cid.parse(cid)))
        .isInstanceOf(IpfsException.class)
        .hasMessageContaining("larger than 100000 bytes");
  }
}
