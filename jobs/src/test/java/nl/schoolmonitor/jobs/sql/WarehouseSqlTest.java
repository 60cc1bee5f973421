package nl.schoolmonitor.jobs.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nl.schoolmonitor.jobs.cli.SqlCommand;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor sql} on a tiny warehouse written here: {@code gold_pyramid} in two versions
 * (version 0: two units; version 1: a third appended) and {@code ops_run_log}.
 */
@ExtendWith(SharedSpark.class)
class WarehouseSqlTest {

  private static final StructType PYRAMID = new StructType()
      .add("unit_code", DataTypes.StringType, false)
      .add("pupils", DataTypes.IntegerType, true);

  @TempDir
  Path warehouse;

  private WarehouseSql sql;

  @BeforeEach
  void writeWarehouse(SparkSession spark) {
    String pyramid = warehouse.resolve("gold_pyramid").toString();
    spark.createDataFrame(List.of(RowFactory.create("GM0141", 1098), RowFactory.create("GM0153", 2140)), PYRAMID)
        .write().format("delta").save(pyramid);
    spark.createDataFrame(List.of(RowFactory.create("07AB00", null)), PYRAMID)
        .write().format("delta").mode("append").save(pyramid);
    spark.createDataFrame(List.<Row>of(RowFactory.create("r1")), new StructType().add("run_id", DataTypes.StringType))
        .write().format("delta").save(warehouse.resolve("ops_run_log").toString());
    sql = new WarehouseSql(spark, warehouse);
  }

  @Test
  void tablesAreFoundByLayerAndName() {
    assertThat(sql.tables().tables()).containsOnlyKeys("gold.pyramid", "ops.run_log");
    assertThat(sql.query("SHOW TABLES").collectAsList()).containsExactly(
        RowFactory.create("gold", "gold.pyramid", warehouse.resolve("gold_pyramid").toString()),
        RowFactory.create("ops", "ops.run_log", warehouse.resolve("ops_run_log").toString()));
    assertThat(sql.query("show tables in ops;").collectAsList()).containsExactly(
        RowFactory.create("ops", "ops.run_log", warehouse.resolve("ops_run_log").toString()));
  }

  @Test
  void aSelectReadsTheLatestVersionAndVersionAsOfAnEarlierOne() {
    assertThat(sql.query("SELECT unit_code, pupils FROM gold.pyramid ORDER BY unit_code").collectAsList())
        .containsExactly(RowFactory.create("07AB00", null), RowFactory.create("GM0141", 1098), RowFactory.create("GM0153", 2140));
    assertThat(sql.query("SELECT unit_code, pupils FROM gold.pyramid VERSION AS OF 0 ORDER BY unit_code;").collectAsList())
        .containsExactly(RowFactory.create("GM0141", 1098), RowFactory.create("GM0153", 2140));
    assertThat(sql.query("WITH p AS (SELECT * FROM GOLD.PYRAMID VERSION AS OF 0) SELECT count(*) AS units FROM p")
        .collectAsList()).containsExactly(RowFactory.create(2L));
    assertThat(sql.query("DESCRIBE HISTORY gold.pyramid").select("version", "operation")
        .orderBy("version").collectAsList()).containsExactly(RowFactory.create(0L, "WRITE"), RowFactory.create(1L, "WRITE"));
    Object firstCommit = sql.query("DESCRIBE HISTORY gold.pyramid").where("version = 0").select("timestamp").first().get(0);
    assertThat(sql.query("SELECT count(*) FROM gold.pyramid TIMESTAMP AS OF '" + firstCommit + "'").collectAsList())
        .containsExactly(RowFactory.create(2L));
  }

  @Test
  void shortNamesInLiteralsQuotedNamesAndCommentsStayAsTheyAre() {
    String path = "delta.`" + warehouse.resolve("gold_pyramid") + "`";

    assertThat(sql.tables().rewrite("SELECT 'gold.pyramid' AS t, `gold.pyramid` FROM gold.pyramid -- gold.pyramid"))
        .isEqualTo("SELECT 'gold.pyramid' AS t, `gold.pyramid` FROM " + path + " -- gold.pyramid");
    assertThat(sql.tables().rewrite("SELECT p.pupils FROM gold.pyramid p JOIN ops.run_log r ON true"))
        .isEqualTo("SELECT p.pupils FROM " + path + " p JOIN delta.`" + warehouse.resolve("ops_run_log") + "` r ON true");
    assertThatThrownBy(() -> sql.query("SELECT * FROM gold.pyramids"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No table gold.pyramids in the warehouse " + warehouse + "; known tables: gold.pyramid, ops.run_log");
  }

  @Test
  void statementsThatCouldWriteAreRefused() {
    for (String statement : List.of("DELETE FROM gold.pyramid", "insert into gold.pyramid values ('x', 1)",
        "WITH t AS (SELECT 1) INSERT INTO gold.pyramid SELECT 'x', 1", "DROP TABLE gold.pyramid",
        "SELECT 1; DROP TABLE gold.pyramid", "OPTIMIZE gold.pyramid", "CREATE TABLE t AS SELECT 1")) {
      assertThatThrownBy(() -> sql.query(statement)).as(statement)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageMatching("(Refused: \".*\" could change the warehouse; only SELECT.*|One statement at a time.*)");
    }
    // Words in a literal are data, not SQL.
    assertThat(sql.query("SELECT 'delete; drop' AS word").collectAsList()).containsExactly(RowFactory.create("delete; drop"));
  }

  @Test
  void resultsPrintAsAnAlignedTableOrCsv() {
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ResultPrinter.print(sql.query("SELECT unit_code, pupils FROM gold.pyramid ORDER BY unit_code"), ResultPrinter.Format.TABLE,
        2, new PrintStream(table, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    ResultPrinter.print(sql.query("SELECT unit_code, pupils FROM gold.pyramid ORDER BY unit_code"), ResultPrinter.Format.CSV,
        2, new PrintStream(csv, true, StandardCharsets.UTF_8));

    assertThat(table.toString(StandardCharsets.UTF_8)).isEqualTo("""
        +-----------+--------+
        | unit_code | pupils |
        +-----------+--------+
        | 07AB00    | NULL   |
        | GM0141    | 1098   |
        +-----------+--------+
        first 2 rows shown (use --max-rows N or --format csv for more)
        """);
    assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("""
        unit_code,pupils
        07AB00,
        GM0141,1098
        GM0153,2140
        """);
  }

  @Test
  void theShellRunsStatementsEndingWithASemicolonUntilQuit() throws IOException {
    String input = String.join("\n", "SELECT count(*) AS units", "FROM gold.pyramid VERSION AS OF 0;", "",
        "DELETE FROM gold.pyramid;", "SELECT nothing FROM gold.pyramid;", "quit", "SELECT 1;") + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SqlCommand.shell(sql, new BufferedReader(new StringReader(input)), new PrintStream(out, true, StandardCharsets.UTF_8),
        ResultPrinter.Format.CSV, 100, false);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("""
        units
        2
        Error: Refused: "DELETE" could change the warehouse; only SELECT, WITH ... SELECT, SHOW and DESCRIBE statements are run (the weekly job owns the tables)
        Error: """);
    assertThat(printed).contains("nothing").doesNotContain("\n1\n");
  }
}
