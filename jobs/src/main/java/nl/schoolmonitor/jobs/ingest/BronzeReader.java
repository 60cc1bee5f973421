package nl.schoolmonitor.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.url_decode;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.bronze.ExportRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads accepted landing files into bronze rows with Spark's CSV reader: every field as text,
 * the schema declared from the file's own header (never inferred), a corrupt-record column so a
 * record that does not split into the header's columns is kept and marked, not turned into NULLs.
 * Files that share profile, encoding, separator and column order are read in one pass.
 */
public final class BronzeReader {

  private static final String CORRUPT = "_corrupt_record";
  private static final String FILE_PATH = "_file_path";
  private static final String RECORD_IN_FILE = "_record_in_file";
  private static final String FILE_KEY = "_relative_path";
  /** The landing zone's layout (see {@link LandingZone}): the part of a path under its root. */
  private static final String LANDING_PATH = "((" + LandingZone.SCHOOLS + "/[^/]+|" + LandingZone.LEERPLICHT + "|"
      + LandingZone.VSV + ")/[^/]+)$";

  private BronzeReader() {}

  /** One row per data record of {@code files} (all accepted), in {@link ExportRows#SCHEMA}. */
  public static Dataset<Row> read(SparkSession spark, List<LandingFile> files, String loadId) {
    Map<String, List<LandingFile>> groups = new LinkedHashMap<>();
    for (LandingFile f : files) {
      String key = f.profile().name() + "|" + f.encoding() + "|" + f.separator() + "|" + f.header();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    Dataset<Row> all = spark.createDataFrame(List.of(), ExportRows.SCHEMA);
    for (List<LandingFile> group : groups.values()) {
      all = all.unionByName(readGroup(spark, group, loadId));
    }
    return all;
  }

  private static Dataset<Row> readGroup(SparkSession spark, List<LandingFile> group, String loadId) {
    LandingFile first = group.get(0);
    StructType schema = new StructType();
    for (String column : first.header()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType, true);

    Dataset<Row> raw = spark.read()
        .schema(schema)
        .option("header", true)
        .option("sep", String.valueOf(first.separator()))
        .option("encoding", first.encoding())
        .option("multiLine", true) // a quoted field may hold a newline; also keeps a file in one partition, in order
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("ignoreLeadingWhiteSpace", false)
        .option("ignoreTrailingWhiteSpace", false)
        .option("enforceSchema", true)
        .csv(group.stream().map(LandingFile::path).toArray(String[]::new))
        .withColumn(FILE_PATH, col("_metadata.file_path"));
    // Counted as the records are read, before anything can move them: no sort of all records.
    raw = raw.withColumn(RECORD_IN_FILE,
        functions.udf(new RecordCounter(), DataTypes.LongType).asNondeterministic().apply(col(FILE_PATH)));

    // _metadata.file_path is a URL-encoded URI; its last segments are the path under the landing zone.
    Column relativePath = regexp_extract(url_decode(col(FILE_PATH)), LANDING_PATH, 1);
    Dataset<Row> fileInfo = spark.createDataFrame(
        group.stream().map(f -> RowFactory.create(f.relativePath(), f.sha256(), java.sql.Timestamp.from(f.receivedAt()),
            f.brinVestiging())).toList(),
        new StructType().add(FILE_KEY, DataTypes.StringType).add(ExportRows.FILE_SHA256, DataTypes.StringType)
            .add(ExportRows.RECEIVED_AT, DataTypes.TimestampType)
            .add(ExportRows.BRIN_VESTIGING, DataTypes.StringType));
    // A left join that fails loudly: a record whose path cannot be placed must not vanish unseen.
    Dataset<Row> located = raw.withColumn(FILE_KEY, relativePath).join(broadcast(fileInfo), FILE_KEY, "left")
        .withColumn(ExportRows.FILE_SHA256, coalesce(col(ExportRows.FILE_SHA256),
            raise_error(concat(lit("Bronze cannot place a record of "), col(FILE_PATH),
                lit(" among the inspected landing files")))));
    List<Column> entries = new ArrayList<>();
    for (String column : first.header()) {
      entries.add(lit(column));
      entries.add(col("`" + column + "`"));
    }
    // The header is record 1.
    Column recordNumber = col(RECORD_IN_FILE).plus(1).cast("long");

    return located.select(
        lit(loadId).as(ExportRows.LOAD_ID),
        col(FILE_KEY).as(ExportRows.SOURCE_FILE),
        col(ExportRows.FILE_SHA256),
        col(ExportRows.RECEIVED_AT),
        col(ExportRows.BRIN_VESTIGING),
        lit(first.system().system()).as(ExportRows.SYSTEM),
        lit(first.profile().name()).as(ExportRows.PROFILE),
        recordNumber.as(ExportRows.LINE_NUMBER),
        map(entries.toArray(Column[]::new)).as(ExportRows.VALUES),
        // The raw text stays in bronze only: it may hold names.
        when(col(CORRUPT).isNotNull(),
            lit("record does not split into the " + first.header().size() + " columns of the header"))
            .as(ExportRows.MALFORMED));
  }

  /**
   * Numbers the records of each file 1, 2, 3, ... in the order the CSV reader returns them. A
   * file is read whole, by one task, in order ({@code multiLine}), and the files a task reads
   * follow one another, so a count that starts again at every new file path is the record's place
   * in its file. Each task works with its own copy of the counter (Spark deserialises the plan per
   * task), so a task that is run again counts again from the start.
   */
  static final class RecordCounter implements UDF1<String, Long> {
    private static final long serialVersionUID = 1L;
    private String file;
    private long count;

    @Override
    public Long call(String path) {
      if (!path.equals(file)) {
        file = path;
        count = 0;
      }
      return ++count;
    }
  }
}
