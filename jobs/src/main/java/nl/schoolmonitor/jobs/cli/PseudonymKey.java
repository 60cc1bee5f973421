package nl.schoolmonitor.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The operator's pseudonymisation key (DOMAIN.md section 10): from {@code MONITOR_PSEUDONYM_KEY}
 * or a key file, never from the repository or the data. The same key every week keeps the
 * pseudonyms stable, so history and joins work.
 */
public final class PseudonymKey {
  public static final String ENVIRONMENT_VARIABLE = "MONITOR_PSEUDONYM_KEY";
  private static final int MIN_LENGTH = 16;

  private PseudonymKey() {}

  public static byte[] resolve(Path keyFile) {
    return resolve(keyFile, System::getenv);
  }

  /** As {@link #resolve(Path)}, reading the environment through {@code environment}. */
  static byte[] resolve(Path keyFile, java.util.function.UnaryOperator<String> environment) {
    String key;
    String source;
    if (keyFile != null) {
      try {
        key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the key file " + keyFile + ": " + e.getMessage(), e);
      }
      source = "key file " + keyFile;
    } else {
      key = environment.apply(ENVIRONMENT_VARIABLE);
      source = ENVIRONMENT_VARIABLE;
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("No pseudonymisation key: set " + ENVIRONMENT_VARIABLE
            + " or pass --key-file FILE. The key is a secret of at least " + MIN_LENGTH + " characters that the bureau"
            + " keeps outside the repository and the data, and uses every week (another key gives other pseudonyms).");
      }
      key = key.trim();
    }
    if (key.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("The pseudonymisation key from " + source + " has " + key.length()
          + " characters; use at least " + MIN_LENGTH);
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** A throwaway key for the demo: random, held in memory only. */
  public static byte[] throwaway() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random).getBytes(StandardCharsets.UTF_8);
  }
}
