package nl.schoolmonitor.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * The operator's pseudonymisation key (DOMAIN.md section 10): from {@code MONITOR_PSEUDONYM_KEY}
 * or a key file, never from the repository or the data. The same key every week keeps the
 * pseudonyms stable, so history and joins work.
 */
public final class PseudonymKey {
  public static final String ENVIRONMENT_VARIABLE = "MONITOR_PSEUDONYM_KEY";
  static final int MIN_LENGTH = 16;

  private PseudonymKey() {}

  public static byte[] resolve(Path keyFile) {
    return resolve(keyFile, System::getenv);
  }

  /** As {@link #resolve(Path)}, reading the environment through {@code environment}. */
  static byte[] resolve(Path keyFile, UnaryOperator<String> environment) {
    return read(keyFile, environment, ENVIRONMENT_VARIABLE, "pseudonymisation key",
        "No pseudonymisation key: set " + ENVIRONMENT_VARIABLE + " or pass --key-file FILE. The key is a secret of at"
            + " least " + MIN_LENGTH + " characters that the bureau keeps outside the repository and the data, and uses"
            + " every week (another key gives other pseudonyms).").bytes();
  }

  /** A secret key and where it came from. */
  record Secret(byte[] bytes, String source) {}

  /**
   * A secret of at least {@value #MIN_LENGTH} characters from {@code keyFile}, else from the
   * environment variable {@code variable}; stops with {@code missing} when neither gives one.
   */
  static Secret read(Path keyFile, UnaryOperator<String> environment, String variable, String what,
      String missing) {
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
      key = environment.apply(variable);
      source = variable;
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(missing);
      }
      key = key.trim();
    }
    if (key.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("The " + what + " from " + source + " has " + key.length()
          + " characters; use at least " + MIN_LENGTH);
    }
    return new Secret(key.getBytes(StandardCharsets.UTF_8), source);
  }

  /** A throwaway key for the demo: random, held in memory only. */
  public static byte[] throwaway() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random).getBytes(StandardCharsets.UTF_8);
  }
}
