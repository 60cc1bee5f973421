package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * One row per landing file per run: what the run did with it. A file whose bytes were loaded
 * before is not loaded again (the same file twice, under any name, counts once).
 */
public final class FileLedger {
  public static final String TABLE = "bronze_files";

  public static final String LOADED = "loaded";
  public static final String ALREADY_LOADED = "already_loaded";
  public static final String DUPLICATE = "duplicate";
  public static final String REJECTED = "rejected";

  public static final StructType SCHEMA = new StructType()
      .add("load_id", StringType, false, "Run that saw the file")
      .add("source_file", StringType, false, "Path under the landing zone")
      .add("file_sha256", StringType, false, "SHA-256 of the bytes")
      .add("size_bytes", LongType, false, "Size of the file")
      .add("brin_vestiging", StringType, true, "School folder, null for registrations")
      .add("encoding", StringType, false, "UTF-8 or windows-1252, detected")
      .add("separator", StringType, false, "Field separator of the header, detected")
      .add("profile", StringType, true, "Profile the header matched")
      .add("status", StringType, false, "loaded, already_loaded, duplicate or rejected")
      .add("reason", StringType, true, "Why the file was rejected, or which file it duplicates")
      .add("rows_read", LongType, true, "Data records read into bronze (loaded files)")
      .add("received_at", TimestampType, false, "The file's modification time in the landing zone");

  private FileLedger() {}
}
