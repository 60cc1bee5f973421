package nl.schoolmonitor.jobs.weekly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second run on the same warehouse stops with the first run's details until the first ends. */
class RunLockTest {

  @Test
  void aSecondRunStopsWhileTheFirstHoldsTheLockAndMayRunAfterwards(@TempDir java.nio.file.Path dir) throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path warehouse = new Path(dir.resolve("warehouse").toUri());

    try (RunLock first = RunLock.acquire(fs, warehouse, "run-1", Duration.ZERO)) {
      assertThat(Files.readString(dir.resolve("warehouse").resolve(RunLock.FILE))).contains("run_id=run-1");
      assertThatThrownBy(() -> RunLock.acquire(fs, warehouse, "run-2", Duration.ZERO))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Another run holds the warehouse lock")
          .hasMessageContaining("run_id=run-1")
          .hasMessageContaining("if that run died, delete the lock file");
    }
    assertThat(dir.resolve("warehouse").resolve(RunLock.FILE)).doesNotExist();
    try (RunLock second = RunLock.acquire(fs, warehouse, "run-2", Duration.ZERO)) {
      assertThat(Files.readString(dir.resolve("warehouse").resolve(RunLock.FILE))).contains("run_id=run-2");
    }
  }
}
