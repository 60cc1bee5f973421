package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Enrolments.field;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One row per municipality: the region's {@code municipalities.csv} (CONTRACT.md section 4). */
public final class Municipalities {
  public static final String MUNICIPALITY_CODE = "municipality_code";
  public static final String NAME = "name";
  public static final String RMC_REGION = "rmc_region";
  public static final String RESIDENTS_5_18 = "residents_5_18";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(MUNICIPALITY_CODE, StringType, false, "CBS code, GMxxxx"),
      field(NAME, StringType, false, "Municipality name"),
      field(RMC_REGION, StringType, false, "RMC region code"),
      field(RESIDENTS_5_18, IntegerType, true, "Residents aged 5-18 (for rates per 1,000)"),
  });

  private Municipalities() {}
}
