package io.airm.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransactionJournalTest {
  static final Address SENDER = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  static final Address TO = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

  @TempDir Path dir;

  static JournalEntry entry(int nonce, Optional<Bytes32> replaces) {
    Bytes32 hash =
        Bytes32.parse(String.format("0x%064x", nonce * 1000 + (replaces.isPresent() ? 1 : 0)));
    return new JournalEntry(
        hash,
        SENDER,
        BigInteger.valueOf(nonce),
        TO,
        BigInteger.TEN,
        "0xabcdef",
        BigInteger.valueOf(26_250),
        new Eip1559Fees(BigInteger.valueOf(3_000), BigInteger.valueOf(1_000)),
        "0x02f86c",
        "anchor tree 7, with spaces & symbols ✓",
        replaces,
        Instant.parse("2026-01-01T00:00:00Z"),
        TxStatus.PENDING,
        Optional.empty());
  }

  @Test
  void reopening_replaysEntriesAndStatuses() {
    Path file = dir.resolve("j.log");
    JournalEntry first = entry(0, Optional.empty());
    JournalEntry replacement = entry(0, Optional.of(first.hash()));
    JournalEntry second = entry(1, Optional.empty());
    Receipt receipt =
        new Receipt(replacement.hash(), 5, Bytes32.parse("0x" + "ab".repeat(32)), true, 21_000);
    try (var journal = FileTransactionJournal.open(file)) {
      journal.record(first);
      journal.record(replacement);
      journal.record(second);
      journal.update(replacement.hash(), TxStatus.MINED, Optional.of(receipt));
      journal.update(first.hash(), TxStatus.SUPERSEDED, Optional.empty());
    }
    try (var journal = FileTransactionJournal.open(file)) {
      assertThat(journal.discardedTail()).isEmpty();
      assertThat(journal.find(first.hash()))
          .contains(first.with(TxStatus.SUPERSEDED, Optional.empty()));
      assertThat(journal.find(replacement.hash()))
          .contains(replacement.with(TxStatus.MINED, Optional.of(receipt)));
      assertThat(journal.pending(SENDER)).containsExactly(second);
      assertThat(journal.nextNonce(SENDER)).isEqualTo(BigInteger.TWO);
    }
  }

  @Test
  void tornTrailingLine_isReportedAndCutOff_andAppendsContinue() throws Exception {
    Path file = dir.resolve("j.log");
    try (var journal = FileTransactionJournal.open(file)) {
      journal.record(entry(0, Optional.empty()));
    }
    Files.writeString(file, "R 0xdead", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (var journal = FileTransactionJournal.open(file)) {
      assertThat(journal.discardedTail()).contains("R 0xdead");
      journal.record(entry(1, Optional.empty()));
    }
    try (var journal = FileTransactionJournal.open(file)) {
      assertThat(journal.discardedTail()).isEmpty();
      assertThat(journal.nextNonce(SENDER)).isEqualTo(BigInteger.TWO);
    }
  }

  @Test
  void damagedLineBeforeTheEnd_failsTheOpen() throws Exception {
    Path file = dir.resolve("j.log");
    try (var journal = FileTransactionJournal.open(file)) {
      journal.record(entry(0, Optional.empty()));
      journal.record(entry(1, Optional.empty()));
    }
    List<String> lines = Files.readAllLines(file);
    Files.write(file, List.of(lines.get(0).replace("0x70997970", "0x70997971"), lines.get(1)));
    assertThatThrownBy(() -> FileTransactionJournal.open(file))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("damaged at line 1");
  }

  @Test
  void nextNonce_skipsRejectedEntries() {
    try (var journal = FileTransactionJournal.open(dir.resolve("j.log"))) {
      journal.record(entry(0, Optional.empty()));
      journal.record(entry(1, Optional.empty()));
      journal.update(entry(1, Optional.empty()).hash(), TxStatus.REJECTED, Optional.empty());
      assertThat(journal.nextNonce(SENDER)).isEqualTo(BigInteger.ONE);
    }
  }

  @Test
  void recordingTheSameHashTwice_isRefused() {
    try (var journal = FileTransactionJournal.open(dir.resolve("j.log"))) {
      journal.record(entry(0, Optional.empty()));
      assertThatThrownBy(() -> journal.record(entry(0, Optional.empty())))
          .isInstanceOf(ChainException.class)
          .hasMessageContaining("already journaled");
    }
  }
}
