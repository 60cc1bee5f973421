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
