package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The burgerservicenummer (BSN) and its 11-test (elfproef), as the Dutch government defines it
 * (Besluit BSN; Logius "Elfproef"): nine digits d1..d9 with
 * {@code 9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9} divisible by 11.
 * Eight-digit numbers are BSNs that lost their leading zero (spreadsheets drop it), so they are
 * padded before the test. {@code 000000000} passes the arithmetic but is no BSN.
 */
public final class Bsn {

  private static final UserDefinedFunction NORMALISED =
      udf((UDF1<String, String>) Bsn::normalise, DataTypes.StringType);

  private Bsn() {}

  /** {@link #normalise(String)} as a column: the nine digits of a valid BSN, else null. */
  public static Column normalised(Column value) {
    return NORMALISED.apply(value);
  }

  /** True when {@code value} (trimmed) is a BSN that passes the 11-test. */
  public static boolean isValid(String value) {
    return normalise(value) != null;
  }

  /**
   * The nine-digit form of a valid BSN (left-padded with a zero when eight digits were given),
   * or null when the value is empty, not eight or nine digits, all zeros, or fails the 11-test.
   */
  public static String normalise(String value) {
    if (value == null) {
      return null;
    }
    String digits = value.strip();
    if (!digits.matches("[0-9]{8,9}")) {
      return null;
    }
    if (digits.length() == 8) {
      digits = "0" + digits;
    }
    if (digits.equals("000000000")) {
      return null;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (digits.charAt(i) - '0');
    }
    sum -= digits.charAt(8) - '0';
    return sum % 11 == 0 ? digits : null;
  }
}
