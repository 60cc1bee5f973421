package nl.schoolmonitor.jobs;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a person watching a run sees: one line per stage with what it did and the time since the
 * run started. Spark's own logging stays quiet unless {@code --verbose}.
 */
public final class Progress {
  private final PrintStream out;
  private final long started = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void stage(String stage, String what, Object... args) {
    out.printf(Locale.ROOT, "[%7.1fs] %-10s %s%n", seconds(), stage, String.format(Locale.ROOT, what, args));
    out.flush();
  }

  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }
}
