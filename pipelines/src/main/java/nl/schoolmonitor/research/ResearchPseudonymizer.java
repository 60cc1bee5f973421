package nl.schoolmonitor.research;

import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import nl.schoolmonitor.common.Pseudonymizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The project-specific pseudonym of a research extract (DOMAIN.md section 10): HMAC-SHA256 of the
 * operational {@code pupil_key} with a second, project-specific key. A researcher holding an
 * extract cannot join it back to the warehouse or to another project's extract without that key,
 * and the bureau (which holds both keys) can still follow a pupil across the years of one project.
 * The key is held in memory only; {@link #toString()} does not show it.
 */
public final class ResearchPseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MIN_KEY_BYTES = Pseudonymizer.MIN_KEY_BYTES;

  /** The same HMAC-SHA256 as the operational pseudonyms, under the research key. */
  private final Pseudonymizer hmac;

  public ResearchPseudonymizer(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("The research key must be at least " + MIN_KEY_BYTES + " bytes, got "
          + (key == null ? "none" : key.length + " bytes") + "; set MONITOR_RESEARCH_KEY or pass --research-key-file");
    }
    this.hmac = new Pseudonymizer(key);
  }

  /** The research pseudonym of an operational pupil key; null for null. */
  public String researchKey(String pupilKey) {
    return pupilKey == null ? null : hmac.hmac("research:" + pupilKey);
  }

  /** {@link #researchKey(String)} as a Spark column. */
  public Column researchKey(Column pupilKey) {
    ResearchPseudonymizer self = this;
    return udf((UDF1<String, String>) self::researchKey, DataTypes.StringType).apply(pupilKey);
  }

  @Override
  public String toString() {
    return "ResearchPseudonymizer[HmacSHA256, key not shown]";
  }
}
