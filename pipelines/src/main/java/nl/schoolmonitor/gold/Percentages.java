package nl.schoolmonitor.gold;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** Published percentages: one decimal, rounded half up, from exact decimals (CONTRACT.md section 6). */
public final class Percentages {

  /** Wide enough for any count or minute total; the quotient keeps 19 decimals before rounding. */
  private static final DecimalType WHOLE = DataTypes.createDecimalType(18, 0);

  private Percentages() {}

  /** {@code 100 * part / whole} rounded half up to one decimal as decimal(4,1); null when whole is 0 or null. */
  public static Column oneDecimal(Column part, Column whole) {
    Column exact = part.cast(WHOLE).divide(whole.cast(WHOLE)).multiply(lit(new BigDecimal(100)));
    return when(whole.equalTo(0), lit(null).cast(GoldSchemas.PCT))
        .otherwise(round(exact, 1).cast(GoldSchemas.PCT));
  }

  /**
   * {@code 1000 * part / whole} rounded half up to one decimal as decimal(6,1): a rate per 1,000
   * (the BBV indicators "per 1.000 leerlingen"); null when whole is 0 or null.
   */
  public static Column perThousand(Column part, Column whole) {
    Column exact = part.cast(WHOLE).divide(whole.cast(WHOLE)).multiply(lit(new BigDecimal(1000)));
    return when(whole.equalTo(0), lit(null).cast(GoldSchemas.PER_1000))
        .otherwise(round(exact, 1).cast(GoldSchemas.PER_1000));
  }

  /**
   * {@code pct - norm} in percentage points as decimal(5,1); null when {@code pct} is null. Taken
   * from the published (rounded) percentages, so the three published numbers agree exactly.
   */
  public static Column pointsAbove(Column pct, Column norm) {
    return pct.cast(GoldSchemas.PCT).minus(norm.cast(GoldSchemas.PCT)).cast(GoldSchemas.PP);
  }

  /** A configured percentage (a norm) as a published decimal(4,1) literal. */
  public static Column constant(BigDecimal pct) {
    return lit(pct).cast(GoldSchemas.PCT);
  }
}
