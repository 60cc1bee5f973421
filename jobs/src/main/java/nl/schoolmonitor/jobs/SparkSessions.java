package nl.schoolmonitor.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession of a command. The master and resources come from the launcher
 * ({@code spark-submit --master ...} or {@code -Dspark.master=...}); only when none is given, as
 * with {@code ./monitor} on a laptop, does the run use all local cores.
 */
public final class SparkSessions {

  /** Set on local runs, whose shuffle partitions are this class's choice, not the launcher's. */
  static final String SCALE_SHUFFLE_PARTITIONS = "spark.monitor.scaleShufflePartitions";
  /**
   * Landing bytes per shuffle partition on a local run, a size such as {@code 64m}; the default,
   * 32 MB, is about 750,000 export rows (43 bytes per row at 400,000 pupils).
   */
  public static final String LANDING_BYTES_PER_SHUFFLE_PARTITION = "spark.monitor.landingBytesPerShufflePartition";
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private SparkSessions() {}

  /**
   * On a local run, raises the shuffle partitions to one per 32 MB of landing files
   * ({@value #LANDING_BYTES_PER_SHUFFLE_PARTITION}) when that is more than the default: at 400,000
   * pupils (1.2 GB of exports) the 4 partitions of a 2-core laptop sorted the staged absence rows
   * with 21 GB spilled. A cluster's own setting is kept. A run that scales holds
   * {@link #keepShufflePartitions} open around it.
   */
  public static void scaleShufflePartitions(SparkSession spark, long landingBytes) {
    if (!Boolean.parseBoolean(spark.conf().get(SCALE_SHUFFLE_PARTITIONS, "false"))) {
      return;
    }
    long perPartition = JavaUtils.byteStringAsBytes(spark.conf().get(LANDING_BYTES_PER_SHUFFLE_PARTITION, "32m"));
    long partitions = Math.max(localPartitions(), landingBytes / perPartition);
    spark.conf().set(SHUFFLE_PARTITIONS, String.valueOf(partitions));
  }

  /**
   * The session's shuffle partitions as they are now, put back when the result is closed: the next
   * run in the same session (backfill, demo, the research extract) starts from the default, not
   * from the scale of the run before.
   */
  public static Restore keepShufflePartitions(SparkSession spark) {
    String now = spark.conf().get(SHUFFLE_PARTITIONS);
    return () -> spark.conf().set(SHUFFLE_PARTITIONS, now);
  }

  /** Puts a setting back; closing twice does no harm. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  /** Partitions of a local run: twice the cores, at least 4. */
  private static int localPartitions() {
    return Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
  }

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
      String partitions = String.valueOf(localPartitions());
      builder.master("local[*]")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", partitions)
          .config("spark.databricks.delta.snapshotPartitions", partitions)
          .config(SCALE_SHUFFLE_PARTITIONS, "true");
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
