package nl.schoolmonitor.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import nl.schoolmonitor.jobs.SparkSessions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor digest}: one line per Delta table of a warehouse with its row count and a digest
 * of its contents that does not depend on row order or file layout, so two warehouses can be
 * compared (a cluster run against a local one, a rerun after a crash against an uninterrupted
 * run). The columns naming the run that wrote a row and the two log tables are left out: they
 * differ between runs by design.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = "Prints every Delta table of a warehouse with its row count and a content digest.")
public final class DigestCommand implements Callable<Integer> {

  /** Which run wrote a row: different in every run. */
  static final Set<String> RUN_COLUMNS = Set.of("load_id", "run_id");
  /** Logs grow with every run. */
  static final Set<String> LOGS = Set.of("ops_run_log", "bronze_files");

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Folder of the Delta tables.")
  String warehouse;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.create("monitor-digest", warehouse, false);
    try {
      Path root = new Path(RunOptions.absolute(warehouse));
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<String> tables = new ArrayList<>();
      for (FileStatus s : fs.listStatus(root)) {
        if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log")) && !LOGS.contains(s.getPath().getName())) {
          tables.add(s.getPath().getName());
        }
      }
      tables.sort(null);
      for (String table : tables) {
        Row r = digest(spark.read().format("delta").load(new Path(root, table).toString()));
        System.out.printf("%-32s %12d %s%n", table, r.getLong(0), r.isNullAt(1) ? "-" : r.get(1).toString());
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Row count and the sum of the rows' hashes (order-free), the run columns left out. */
  static Row digest(Dataset<Row> table) {
    Column[] kept = Arrays.stream(table.columns()).filter(c -> !RUN_COLUMNS.contains(c)).map(c -> col("`" + c + "`"))
        .toArray(Column[]::new);
    Column rowHash = conv(substring(sha2(to_json(struct(kept)), 256), 1, 15), 16, 10).cast("decimal(38,0)");
    return table.agg(count(lit(1)), sum(rowHash)).first();
  }
}
