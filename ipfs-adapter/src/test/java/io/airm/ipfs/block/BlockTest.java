package io.airm.ipfs.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.cid.Multicodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockTest {

  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void raw_namesBytesByRawCidV1() {
    Block block = Block.raw(HELLO);

    assertThat(block.cid().toString())
        .isEqualTo("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    assertThat(block.data()).isEqualTo(HELLO);
    assertThat(block.length()).isEqualTo(6);
  }

  @Test
  void of_acceptsBytesThatMatchTheCid() {
    Block raw = Block.raw(HELLO);

    assertThat(Block.of(raw.cid(), HELLO)).isEqualTo(raw);
  }

  @Test
  void of_rejectsBytesThatDoNotMatchTheCid() {
    Cid cid = Block.raw(HELLO).cid();
    byte[] tampered = HELLO.clone();
    tampered[0] = 'j';

    assertThatThrownBy(() -> Block.of(cid, tampered))
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageStartingWith("Block " + cid + " is corrupt: its bytes hash to sha2-256:")
        .hasMessageContaining("but the CID expects sha2-256:5891b5b5");
  }

  @Test
  void create_v0RawIsRefused() {
    assertThatThrownBy(() -> Block.create(0, Multicodec.RAW, HELLO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CIDv0 always names a dag-pb block");
  }

  @Test
  void isImmutable() {
    byte[] data = HELLO.clone();
    Block block = Block.raw(data);
    data[0] = 'j';
    block.data()[1] = 'j';

    assertThat(block.data()).isEqualTo(HELLO);
  }
}
