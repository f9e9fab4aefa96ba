package io.airm.chain.tx;

import io.airm.chain.ChainException;
import io.airm.chain.eth.Address;
import io.airm.chain.eth.Bytes32;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal in one append-only file, forced to disk after every line and replayed at open.
 *
 * <p>Each line is {@code R <fields>} (a signed transaction) or {@code U <hash> <status> <receipt>}
 * (a status change), space-separated tokens, followed by {@code *} and the CRC-32 of everything
 * before it in hex. A crash can only tear the last line: a trailing line that is incomplete or
 * fails its checksum is reported and cut off, since nothing was broadcast on its strength (the
 * record is forced before the broadcast). A bad line anywhere else means the file was damaged and
 * opening fails.
 */
public final class FileTransactionJournal implements TransactionJournal {
  private static final Logger LOG = LoggerFactory.getLogger(FileTransactionJournal.class);

  private final Path file;
  private final FileChannel channel;
  private final InMemoryTransactionJournal index = new InMemoryTransactionJournal();
  private final Optional<String> discardedTail;

  private FileTransactionJournal(Path file) throws IOException {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    this.discardedTail = replay();
  }

  /** Opens (creating if needed) the journal at {@code file} and replays it. */
  public static FileTransactionJournal open(Path file) {
    try {
      return new FileTransactionJournal(file);
    } catch (IOException e) {
      throw new ChainException("Cannot open the transaction journal " + file + ": " + e, e);
    }
  }

  /** The torn trailing line cut off at open, if there was one (for operators). */
  public Optional<String> discardedTail() {
    return discardedTail;
  }

  private Optional<String> replay() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    long goodBytes = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (last && line.isEmpty()) {
        break;
      }
      try {
        apply(parseChecked(line));
      } catch (RuntimeException e) {
        // only the final line can be torn by a crash; and a complete final line ends with \n
        boolean trailing = last || (i == lines.length - 2 && lines[lines.length - 1].isEmpty());
        if (!trailing) {
          throw new ChainException(
              "The transaction journal "
                  + file
                  + " is damaged at line "
                  + (i + 1)
                  + ": "
                  + e.getMessage(),
              e);
        }
        LOG.warn(
            "The transaction journal {} ends with a torn line {} ({}); discarding it",
            file,
            i + 1,
            e.getMessage());
        channel.truncate(goodBytes);
        channel.force(true);
        channel.position(goodBytes);
        return Optional.of(line);
      }
      goodBytes += line.getBytes(StandardCharsets.UTF_8).length + (last ? 0 : 1);
      if (last) {
        // a complete record whose newline was lost: end the line before appending more
        channel.position(goodBytes);
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        channel.force(false);
        goodBytes++;
      }
    }
    channel.position(goodBytes);
    return Optional.empty();
  }

  private void apply(String[] tokens) {
    switch (tokens[0]) {
      case "R" -> index.record(decodeEntry(tokens));
      case "U" ->
          index.update(
              Bytes32.parse(tokens[1]),
              TxStatus.valueOf(tokens[2]),
              decodeReceipt(Bytes32.parse(tokens[1]), tokens[3]));
      default -> throw new IllegalArgumentException("unknown line kind " + tokens[0]);
    }
  }

  @Override
  public synchronized void record(JournalEntry entry) {
    if (index.find(entry.hash()).isPresent()) {
      throw new ChainException("Transaction " + entry.hash() + " is already journaled in " + file);
    }
    append(encodeEntry(entry));
    index.record(entry);
  }

  @Override
  public synchronized void update(Bytes32 hash, TxStatus status, Optional<Receipt> receipt) {
    if (index.find(hash).isEmpty()) {
      throw new ChainException("Transaction " + hash + " is not journaled in " + file);
    }
    append("U " + hash.hex() + " " + status.name() + " " + encodeReceipt(receipt));
    index.update(hash, status, receipt);
  }

  @Override
  public Optional<JournalEntry> find(Bytes32 hash) {
    return index.find(hash);
  }

  @Override
  public List<JournalEntry> pending(Address sender) {
    return index.pending(sender);
  }

  @Override
  public BigInteger nextNonce(Address sender) {
    return index.nextNonce(sender);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new ChainException("Cannot close the transaction journal " + file + ": " + e, e);
    }
  }

  private void append(String payload) {
    String line = payload + "*" + crc(payload) + "\n";
    ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new ChainException("Cannot write to the transaction journal " + file + ": " + e, e);
    }
  }

  private static String crc(String payload) {
    CRC32 crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  static String[] parseChecked(String line) {
    int star = line.lastIndexOf('*');
    if (star < 0) {
      throw new IllegalArgumentException("no checksum");
    }
    String payload = line.substring(0, star);
    if (!crc(payload).equals(line.substring(star + 1))) {
      throw new IllegalArgumentException("checksum mismatch");
    }
    return payload.split(" ", -1);
  }

  static String encodeEntry(JournalEntry e) {
    return String.join(
        " ",
        "R",
        e.hash().hex(),
        e.sender().value(),
        e.nonce().toString(),
        e.to().value(),
        e.value().toString(),
        e.data(),
        e.gasLimit().toString(),
        e.fees().maxFeePerGas().toString(),
        e.fees().maxPriorityFeePerGas().toString(),
        e.rawHex(),
        "p:" + URLEncoder.encode(e.purpose(), StandardCharsets.UTF_8),
        e.replaces().map(Bytes32::hex).orElse("-"),
        e.signedAt().toString(),
        e.status().name(),
        encodeReceipt(e.receipt()));
  }

  private static JournalEntry decodeEntry(String[] t) {
    if (t.length != 16) {
      throw new IllegalArgumentException("a record line has 16 fields, not " + t.length);
    }
    Bytes32 hash = Bytes32.parse(t[1]);
    return new JournalEntry(
        hash,
        Address.parse(t[2]),
        new BigInteger(t[3]),
        Address.parse(t[4]),
        new BigInteger(t[5]),
        t[6],
        new BigInteger(t[7]),
        new Eip1559Fees(new BigInteger(t[8]), new BigInteger(t[9])),
        t[10],
        URLDecoder.decode(t[11].substring(2), StandardCharsets.UTF_8),
        t[12].equals("-") ? Optional.empty() : Optional.of(Bytes32.parse(t[12])),
        Instant.parse(t[13]),
        TxStatus.valueOf(t[14]),
        decodeReceipt(hash, t[15]));
  }

  private static String encodeReceipt(Optional<Receipt> receipt) {
    return receipt
        .map(
            r ->
                r.blockNumber()
                    + ","
                    + r.blockHash().hex()
                    + ","
                    + r.succeeded()
                    + ","
                    + r.gasUsed())
        .orElse("-");
  }

  private static Optional<Receipt> decodeReceipt(Bytes32 hash, String token) {
    if (token.equals("-")) {
      return Optional.empty();
    }
    String[] r = token.split(",");
    if (r.length != 4) {
      throw new IllegalArgumentException("a receipt has 4 parts, not " + r.length);
    }
    return Optional.of(
        new Receipt(
            hash,
            Long.parseLong(r[0]),
            Bytes32.parse(r[1]),
            Boolean.parseBoolean(r[2]),
            Long.parseLong(r[3])));
  }
}
