package nl.schoolmonitor.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bronze numbers the records of each file as they stand in it, also when one task reads several files. */
@ExtendWith(SharedSpark.class)
class BronzeReaderTest {

  private static final String OPEN_COST = "spark.sql.files.openCostInBytes";
  private static final String MIN_PARTITIONS = "spark.sql.files.minPartitionNum";
  private static final RegionConfig TWENTE = RegionConfigLoader.load(Path.of("../conf/twente"));
  private static final String HEADER = "Stamnr;Klas;Datum;Lesuur;Start;Eind;Code;Omschrijving;Verantwoordingtype;"
      + "Geoorloofd;Afgehandeld\r\n";

  @Test
  void recordsAreNumberedPerFileInTheirOrderTheHeaderBeingOne(SparkSession spark, @TempDir Path landing)
      throws IOException {
    // Three small files of one profile: Spark reads them in one task, one after the other.
    List<LandingFile> files = new ArrayList<>();
    files.add(write(landing, "schools/21CD00/a.csv", HEADER
        + "20451;h2b;29-09-2025;1;08:30;09:20;Z;Ziek;3;J;J\r\n"
        // a quoted description over two lines is one record
        + "20451;h2b;29-09-2025;2;09:20;10:10;Z;\"Ziek,\r\nnaar huis\";3;J;J\r\n"
        + "20452;v3a;30-09-2025;3;10:30;11:20;S;Gespijbeld;1;N;N\r\n"));
    files.add(write(landing, "schools/21CD00/b.csv", HEADER
        + "20453;h2b;01-10-2025;1;08:30;09:20;Z;Ziek;3;J;J\r\n"
        + "20454;h2b;01-10-2025;2;09:20;10:10;Z;Ziek;3;J;J\r\n"));
    files.add(write(landing, "schools/21CD00/c.csv", HEADER
        + "20455;h2b;02-10-2025;1;08:30;09:20;Z;Ziek;3;J;J\r\n"));

    // Spark packs small files into one task when opening a file costs little.
    spark.conf().set(OPEN_COST, "1");
    spark.conf().set(MIN_PARTITIONS, "1");
    Dataset<Row> bronze;
    List<String> records;
    try {
      bronze = BronzeReader.read(spark, files, "load-1");
      assertThat(bronze.rdd().getNumPartitions()).isEqualTo(1);
      records = bronze.orderBy("source_file", "line_number")
          // the line break inside the quoted field as a space: the reader may drop its \r
          .selectExpr("concat_ws(' ', source_file, line_number, values['Stamnr'],"
              + " regexp_replace(values['Omschrijving'], '\\\\s+', ' '))")
          .as(Encoders.STRING()).collectAsList();
    } finally {
      spark.conf().unset(OPEN_COST);
      spark.conf().unset(MIN_PARTITIONS);
    }

    assertThat(records).containsExactly(
        "schools/21CD00/a.csv 2 20451 Ziek",
        "schools/21CD00/a.csv 3 20451 Ziek, naar huis",
        "schools/21CD00/a.csv 4 20452 Gespijbeld",
        "schools/21CD00/b.csv 2 20453 Ziek",
        "schools/21CD00/b.csv 3 20454 Ziek",
        "schools/21CD00/c.csv 2 20455 Ziek");
    assertThat(bronze.columns()).containsExactly(ExportRows.SCHEMA.fieldNames());
  }

  private static LandingFile write(Path landing, String relative, String text) throws IOException {
    Path file = landing.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    try (InputStream in = Files.newInputStream(file)) {
      LandingFile inspected = new FileInspector(TWENTE).inspect(file.toString(), relative, "schools", "21CD00",
          Instant.EPOCH, in);
      assertThat(inspected.rejection()).isEmpty();
      return inspected;
    }
  }
}
