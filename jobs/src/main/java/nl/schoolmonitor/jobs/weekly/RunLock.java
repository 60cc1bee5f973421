package nl.schoolmonitor.jobs.weekly;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per warehouse: a lock file in the warehouse folder itself, so every machine
 * that can write the warehouse sees it (a local file would not stop a run on another machine).
 * It is created with "fail if it exists", which HDFS, ABFS and the local file system do
 * atomically; the file names the run, the host and the start, so a person can tell a running
 * run from one that died and left its lock behind.
 */
public final class RunLock implements AutoCloseable {
  static final String FILE = "_monitor_run.lock";
  private static final Duration POLL = Duration.ofSeconds(10);

  private final FileSystem fs;
  private final Path lock;

  private RunLock(FileSystem fs, Path lock) {
    this.fs = fs;
    this.lock = lock;
  }

  /**
   * Takes the warehouse's lock for {@code runId}, waiting at most {@code wait} for another run to
   * release it; stops with the holder's details when it does not.
   */
  public static RunLock acquire(FileSystem fs, Path warehouse, String runId, Duration wait) throws IOException {
    Path lock = new Path(warehouse, FILE);
    Instant deadline = Instant.now().plus(wait);
    fs.mkdirs(warehouse);
    while (true) {
      try (FSDataOutputStream out = fs.create(lock, false)) {
        out.write(("run_id=" + runId + "\nhost=" + InetAddress.getLocalHost().getHostName() + "\nstarted_at="
            + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
        return new RunLock(fs, lock);
      } catch (FileAlreadyExistsException | org.apache.hadoop.fs.PathExistsException e) {
        holderOrThrow(fs, lock, deadline);
      } catch (IOException e) {
        if (!fs.exists(lock)) {
          throw e;
        }
        holderOrThrow(fs, lock, deadline);
      }
    }
  }

  private static void holderOrThrow(FileSystem fs, Path lock, Instant deadline) throws IOException {
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException("Another run holds the warehouse lock " + lock + " (" + holder(fs, lock)
          + "). Wait for it to finish (or give --wait-for-lock MINUTES); if that run died, delete the lock file.");
    }
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the warehouse lock " + lock, interrupted);
    }
  }

  private static String holder(FileSystem fs, Path lock) {
    try (InputStream in = fs.open(lock)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
    } catch (IOException e) {
      return "holder unknown: " + e.getMessage();
    }
  }

  @Override
  public void close() throws IOException {
    fs.delete(lock, false);
  }
}
