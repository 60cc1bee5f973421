import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.jobs.SparkSessions;
import nl.schoolmonitor.jobs.publish.DisclosureRuleLoader;
import nl.schoolmonitor.jobs.publish.Publication;
import nl.schoolmonitor.jobs.publish.PublicationInfo;
import nl.schoolmonitor.jobs.publish.PublishedTable;
import nl.schoolmonitor.jobs.publish.PublishedTables;
import nl.schoolmonitor.jobs.publish.UnitHierarchy;
import nl.schoolmonitor.jobs.report.ReportSite;
import nl.schoolmonitor.jobs.weekly.ReferenceTables;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tables a publication takes from gold, of a finished warehouse, published again in a fresh JVM
 * without the weekly job (see bench/publish-only): publication's time and memory at scale in
 * minutes. The same tables, filters and order as the weekly job ({@link PublishedTables#fromGold}),
 * then the report site; only the job's files and quarantine of its own run are not there.
 */
public final class PublishOnly {

  public static void main(String[] args) throws Exception {
    Path region = Path.of(args[0]);
    String warehouse = args[1];
    String out = args[2];
    LocalDate asOf = LocalDate.parse(args[3]);
    String schoolYear = SchoolYear.of(asOf).label();
    RegionConfig config = RegionConfigLoader.load(region);
    SparkSession spark = SparkSessions.create("publish-only", warehouse, false);
    long start = System.nanoTime();
    List<PublishedTable> tables = PublishedTables.fromGold(table -> read(spark, warehouse, table), schoolYear, asOf);
    long collected = System.nanoTime();
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    System.out.printf("collected %,d rows of %d tables in %.1f s; heap in use after a GC: %,d MiB%n",
        tables.stream().mapToLong(t -> t.rows().size()).sum(), tables.size(), (collected - start) / 1e9,
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);

    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(out);
    FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(folder);
    ReferenceTables reference = ReferenceTables.read(spark, config);
    Publication.Written written = Publication.write(fs, folder, tables,
        UnitHierarchy.fromReference(config.code(), reference.schools(), reference.municipalities()),
        DisclosureRuleLoader.load(region), PublicationInfo.of(config, schoolYear, asOf));
    long published = System.nanoTime();
    System.out.printf("protected, checked and written in %.1f s: %s; cells x: %s%n", (published - collected) / 1e9,
        written.rows(), written.hiddenCells());
    ReportSite.writeIfLocal(fs.makeQualified(folder).toUri());
    System.out.printf("report site written in %.1f s%n", (System.nanoTime() - published) / 1e9);
    spark.stop();
  }

  private static Dataset<Row> read(SparkSession spark, String warehouse, String table) {
    return spark.read().format("delta").load(warehouse + "/" + table);
  }
}
