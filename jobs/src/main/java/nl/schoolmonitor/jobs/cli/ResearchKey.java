package nl.schoolmonitor.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The project-specific research key (DOMAIN.md section 10): from {@code MONITOR_RESEARCH_KEY} or a
 * key file, one per research project, never the operational pseudonymisation key. Extracts of one
 * project share pseudonyms; extracts of two projects, or an extract and the warehouse, do not join.
 */
public final class ResearchKey {
  public static final String ENVIRONMENT_VARIABLE = "MONITOR_RESEARCH_KEY";
  private static final int MIN_LENGTH = 16;

  private ResearchKey() {}

  public static byte[] resolve(Path keyFile) {
    return resolve(keyFile, System::getenv);
  }

  static byte[] resolve(Path keyFile, UnaryOperator<String> environment) {
    String key;
    String source;
    if (keyFile != null) {
      try {
        key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the research key file " + keyFile + ": " + e.getMessage(), e);
      }
      source = "research key file " + keyFile;
    } else {
      key = environment.apply(ENVIRONMENT_VARIABLE);
      source = ENVIRONMENT_VARIABLE;
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("No research key: set " + ENVIRONMENT_VARIABLE
            + " or pass --research-key-file FILE. Every research project gets its own secret of at least " + MIN_LENGTH
            + " characters, different from " + PseudonymKey.ENVIRONMENT_VARIABLE
            + ", so its extract cannot be joined back to the warehouse or to another project's extract.");
      }
      key = key.trim();
    }
    if (key.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("The research key from " + source + " has " + key.length()
          + " characters; use at least " + MIN_LENGTH);
    }
    String operational = environment.apply(PseudonymKey.ENVIRONMENT_VARIABLE);
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (operational != null && Arrays.equals(bytes, operational.trim().getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException("The research key from " + source + " is the operational key "
          + PseudonymKey.ENVIRONMENT_VARIABLE + ": use a separate secret per research project");
    }
    return bytes;
  }
}
