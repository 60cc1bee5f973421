package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * One row per loaded landing file: records read into bronze, accepted into silver and
 * quarantined (school exports and the leerplicht and VSV registrations alike). The run asserts
 * {@code rows_read = rows_accepted + rows_quarantined} for every file.
 */
public final class FileAccounting {
  public static final String TABLE = "silver_file_accounting";

  public static final StructType SCHEMA = new StructType()
      .add("source_file", StringType, false, "Path under the landing zone")
      .add("brin_vestiging", StringType, true, "School folder")
      .add("profile", StringType, false, "Profile of the file")
      .add("rows_read", LongType, false, "Records in bronze")
      .add("rows_accepted", LongType, false, "Records that became silver rows")
      .add("rows_quarantined", LongType, false, "Records in the quarantine table");

  private FileAccounting() {}
}
