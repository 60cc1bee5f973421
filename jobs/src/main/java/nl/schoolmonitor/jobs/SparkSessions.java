package nl.schoolmonitor.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession of a command. The master and resources come from the launcher
 * ({@code spark-submit --master ...} or {@code -Dspark.master=...}); only when none is given, as
 * with {@code ./monitor} on a laptop, does the run use all local cores.
 */
public final class SparkSessions {

  private SparkSessions() {}

  public static SparkSession create(String appName, String warehouseDir, boolean verbose) {
    // Quiet by default (log4j2.properties in the jar); --verbose shows what Spark does.
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      // A laptop run has a few cores: many partitions only add overhead. That holds for shuffles
      // and for Delta's reconstruction of a table's state (default 50 partitions), which runs
      // every time the job reads a table version it has just written.
      String partitions = String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
      builder.master("local[*]")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", partitions)
          .config("spark.databricks.delta.snapshotPartitions", partitions);
    }
    // Exports are text that Parquet compresses well: at 400,000 pupils bronze held 27.9 million
    // rows in 16 files of 33-105 MB, which Spark's 128 MB splits read as 3 tasks, one of them
    // alone on a core for minutes. Files of at most a million rows, read in splits of 16 MB, give
    // every core work at scale and change nothing for small tables. A launcher's own value wins.
    for (String[] setting : new String[][] {{"spark.sql.files.maxRecordsPerFile", "1000000"},
        {"spark.sql.files.maxPartitionBytes", "16m"}}) {
      if (!conf.contains(setting[0])) {
        builder.config(setting[0], setting[1]);
      }
    }
    SparkSession spark = builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouseDir + "/_spark_sql_warehouse")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        // ParnasSys and DUO write Windows-1252; Spark 4 only accepts it with Java's own charsets.
        .config("spark.sql.legacy.javaCharsets", "true")
        .config("spark.ui.showConsoleProgress", String.valueOf(verbose))
        .getOrCreate();
    return spark;
  }
}
