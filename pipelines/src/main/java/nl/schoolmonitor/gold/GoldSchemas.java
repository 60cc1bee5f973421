package nl.schoolmonitor.gold;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;

/** Building blocks of the declared gold schemas (the silver helper is package-private there). */
final class GoldSchemas {

  /** Published percentages: one decimal, at most 100.0 (CONTRACT.md section 6). */
  static final DecimalType PCT = DataTypes.createDecimalType(4, 1);

  /** A difference of two published percentages in percentage points: one decimal, -100.0 to 100.0. */
  static final DecimalType PP = DataTypes.createDecimalType(5, 1);

  /** A rate per 1,000 residents (the BBV indicators): one decimal, up to 99,999.9. */
  static final DecimalType PER_1000 = DataTypes.createDecimalType(6, 1);

  private GoldSchemas() {}

  static StructField field(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }
}
