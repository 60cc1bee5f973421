package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms for pupils (DOMAIN.md section 10): HMAC-SHA256 with the operator's secret key,
 * as lower-case hex. The same key gives the same pseudonym in every source and every run, so
 * pupil lists, absences, leerplicht and VSV registrations join; without the key a pseudonym
 * cannot be recomputed from a BSN (a plain hash could, by trying all 10^9 numbers).
 *
 * <p>The key is only ever held in memory: it is never logged, never written, and
 * {@link #toString()} does not show it. It is serialised into Spark tasks, as every UDF closure is.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** 128 bits: shorter keys make the pseudonyms guessable. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private transient volatile ThreadLocal<Mac> mac;

  /**
   * @param key the operator's secret (from {@code MONITOR_PSEUDONYM_KEY} or a key file); at least
   *            {@value #MIN_KEY_BYTES} bytes; copied, so the caller may wipe its array
   */
  public Pseudonymizer(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("The pseudonymisation key must be at least " + MIN_KEY_BYTES
          + " bytes, got " + (key == null ? "none" : key.length + " bytes")
          + "; set MONITOR_PSEUDONYM_KEY or pass a key file with a longer secret");
    }
    this.key = Arrays.copyOf(key, key.length);
  }

  /**
   * Pseudonym of a persoonsgebonden nummer: the BSN as nine digits, else the onderwijsnummer.
   * Null for null.
   */
  public String pupilKey(String pgn) {
    return pgn == null ? null : hmac("pgn:" + pgn);
  }

  /**
   * Pseudonym of a school's own pupil number, scoped to the school location (two schools may
   * both have a pupil 1001). The pupil number is trimmed. Null when either part is null.
   */
  public String schoolPupilKey(String brinVestiging, String pupilNumber) {
    if (brinVestiging == null || pupilNumber == null) {
      return null;
    }
    return hmac("school:" + brinVestiging + ":" + pupilNumber.strip());
  }

  /** {@link #pupilKey(String)} as a Spark column. */
  public Column pupilKey(Column pgn) {
    Pseudonymizer self = this;
    UserDefinedFunction f = udf((UDF1<String, String>) self::pupilKey, DataTypes.StringType);
    return f.apply(pgn);
  }

  /** {@link #schoolPupilKey(String, String)} as a Spark column. */
  public Column schoolPupilKey(Column brinVestiging, Column pupilNumber) {
    Pseudonymizer self = this;
    UserDefinedFunction f = udf((UDF2<String, String, String>) self::schoolPupilKey, DataTypes.StringType);
    return f.apply(brinVestiging, pupilNumber);
  }

  /**
   * HMAC-SHA256 of {@code message} under the key, in hex: the pseudonyms above prefix what they
   * hash ({@code pgn:}, {@code school:}); another use must choose its own prefix.
   */
  public String hmac(String message) {
    if (mac == null) {
      mac = ThreadLocal.withInitial(this::newMac);
    }
    return HexFormat.of().formatHex(mac.get().doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(new SecretKeySpec(key, ALGORITHM));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[HmacSHA256, key not shown]";
  }
}
