package nl.schoolmonitor.jobs.cli;

import java.nio.charset.StandardCharsets;
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

  private ResearchKey() {}

  public static byte[] resolve(Path keyFile) {
    return resolve(keyFile, System::getenv);
  }

  static byte[] resolve(Path keyFile, UnaryOperator<String> environment) {
    PseudonymKey.Secret secret = PseudonymKey.read(keyFile, environment, ENVIRONMENT_VARIABLE, "research key",
        "No research key: set " + ENVIRONMENT_VARIABLE + " or pass --research-key-file FILE. Every research project"
            + " gets its own secret of at least " + PseudonymKey.MIN_LENGTH + " characters, different from "
            + PseudonymKey.ENVIRONMENT_VARIABLE + ", so its extract cannot be joined back to the warehouse or to"
            + " another project's extract.");
    String operational = environment.apply(PseudonymKey.ENVIRONMENT_VARIABLE);
    if (operational != null && Arrays.equals(secret.bytes(), operational.trim().getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException("The research key from " + secret.source() + " is the operational key "
          + PseudonymKey.ENVIRONMENT_VARIABLE + ": use a separate secret per research project");
    }
    return secret.bytes();
  }
}
