package io.airm.ipfs.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.ipfs.block.Block;
import io.airm.ipfs.block.BlockNotFoundException;
import io.airm.ipfs.cid.Multicodec;
import org.junit.jupiter.api.Test;

class InMemoryBlockStoreTest {

  @Test
  void behavesLikeABlockStore() {
    InMemoryBlockStore store = new InMemoryBlockStore();
    Block block = Block.create(0, Multicodec.DAG_PB, new byte[] {0x0a, 0x00});

    store.put(block);
    store.put(block);

    assertThat(store.count()).isEqualTo(1);
    assertThat(store.get(block.cid())).isEqualTo(block);
    assertThat(store.get(block.cid().toV1()).cid()).isEqualTo(block.cid().toV1());
    assertThat(store.size(block.cid())).isEqualTo(2);
    assertThat(store.delete(block.cid())).isTrue();
    assertThatThrownBy(() -> store.get(block.cid()))
        .isInstanceOf(BlockNotFoundException.class)
        .hasMessage("Block " + block.cid() + " was not found in in-memory block store.");
  }
}
