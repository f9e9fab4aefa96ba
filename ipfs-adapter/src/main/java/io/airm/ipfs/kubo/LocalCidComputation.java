package io.airm.ipfs.kubo;

import io.airm.ipfs.IpfsException;
import io.airm.ipfs.cid.Cid;
import io.airm.ipfs.unixfs.ImportOptions;
import io.airm.ipfs.unixfs.UnixFsImporter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Computes the CID of an upload from the very bytes sent, in one pass: the upload stream copies
 * every chunk it hands to the HTTP client into a bounded queue, which an importer thread reads.
 *
 * <p>The queue bounds memory to a few chunks; the upload waits when the importer falls behind.
 */
final class LocalCidComputation implements AutoCloseable {

  private static final byte[] END = new byte[0];
  private static final int QUEUE_CHUNKS = 16;

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  private final CompletableFuture<Cid> cid = new CompletableFuture<>();
  private final InputStream upload;
  private volatile boolean ended;

  LocalCidComputation(InputStream content, ImportOptions options) {
    this.upload = new Tee(content);
    Thread importer =
        new Thread(
            () -> {
              try {
                cid.complete(UnixFsImporter.importFile(new QueueStream(), options).root());
              } catch (IOException | RuntimeException e) {
                cid.completeExceptionally(e);
              }
            },
            "kubo-add-local-cid");
    importer.setDaemon(true);
    importer.start();
  }

  /** The stream to upload: the content, copied to the importer as it is read. */
  InputStream upload() {
    return upload;
  }

  /** The CID of every byte the upload delivered, once it has reached the end of the content. */
  Cid awaitCid() {
    end();
    try {
      return cid.join();
    } catch (RuntimeException e) {
      throw new IpfsException("Computing the CID of the uploaded content locally failed.", e);
    }
  }

  /** Ends the importer's input, so that its thread finishes even if the upload was abandoned. */
  @Override
  public void close() {
    end();
  }

  private void end() {
    if (!ended) {
      ended = true;
      // The importer drains the queue continually, so this put cannot block for long.
      putUninterruptibly(END);
    }
  }

  private void putUninterruptibly(byte[] chunk) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(chunk);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Tee extends FilterInputStream {

    Tee(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        byte[] chunk = Arrays.copyOfRange(buffer, offset, offset + n);
        try {
          // Polls so that an upload abandoned after end() cannot block on a queue nobody drains.
          while (!ended && !queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            // The importer is behind; wait for room.
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("Interrupted while copying the upload.");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) {
      // Skipped bytes would be missing from the local CID; the HTTP client never skips.
      return 0;
    }

    @Override
    public void close() {
      // The caller owns the content stream and closes it.
    }
  }

  private final class QueueStream extends InputStream {

    private byte[] current = new byte[0];
    private int position;
    private boolean done;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      while (!done && position == current.length) {
        try {
          byte[] next = queue.take();
          if (next == END) {
            done = true;
          } else {
            current = next;
            position = 0;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("Interrupted while computing a CID.");
        }
      }
      if (done && position == current.length) {
        return -1;
      }
      int n = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, n);
      position += n;
      return n;
    }
  }
}
