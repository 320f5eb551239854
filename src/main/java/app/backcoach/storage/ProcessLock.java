package app.backcoach.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One bot or console process per database: an exclusive lock on {@code <database>.lock}, held for
 * the life of the process, holding the owner's pid. A second process gets {@link Held} naming the
 * database and that pid, before it takes anything from Telegram. The operating system releases the
 * lock when the process ends, even by {@code kill -9}. Taken once the database is open (and so its
 * folder exists, owner-only); {@code backup} does not take it.
 */
public final class ProcessLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Another process holds the database. */
  public static final class Held extends RuntimeException {
    public Held(String message) {
      super(message);
    }
  }

  /** Takes the lock, or throws {@link Held} naming the database and the holder's pid. */
  public static ProcessLock acquire(Path database) {
    Path file = database.resolveSibling(database.getFileName() + ".lock");
    try {
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String holder = holder(ch);
        ch.close();
        throw new Held(
            "another backcoach process"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + " is using "
                + database.toAbsolutePath()
                + "; stop it first (a database serves one bot or console at a time)");
      }
      ch.truncate(0);
      ch.write(
          ByteBuffer.wrap(
              String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
          0);
      ch.force(false);
      return new ProcessLock(ch, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    int n = ch.read(buf, 0);
    return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the process is ending; the operating system releases the lock anyway
    }
  }
}
