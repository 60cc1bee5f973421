package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Enrolments.field;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One row per school location: the region's {@code schools.csv} (CONTRACT.md section 4). */
public final class Schools {
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String NAME = "name";
  public static final String SECTOR = "sector";
  public static final String MUNICIPALITY_CODE = "municipality_code";
  public static final String BOARD_CODE = "board_code";
  public static final String BOARD_NAME = "board_name";
  public static final String SWV_CODE = "swv_code";
  public static final String LVS = "lvs";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(BRIN_VESTIGING, StringType, false, "BRIN + vestiging, e.g. 21CD00"),
      field(NAME, StringType, false, "School name"),
      field(SECTOR, StringType, false, "PO, SO, VSO, VO or MBO"),
      field(MUNICIPALITY_CODE, StringType, false, "CBS code of the school's municipality"),
      field(BOARD_CODE, StringType, true, "School board (bestuur) code"),
      field(BOARD_NAME, StringType, true, "School board name"),
      field(SWV_CODE, StringType, true, "Samenwerkingsverband, e.g. SWV 23-01; empty for MBO"),
      field(LVS, StringType, false, "parnassys, magister, somtoday or eduarte"),
  });

  private Schools() {}
}
