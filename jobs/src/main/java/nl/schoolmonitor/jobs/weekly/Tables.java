package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Delta tables of one warehouse, and the few ways the weekly run writes them. Every write is
 * one Delta commit: a run that dies half-way leaves each table as it was before or after the
 * write, never in between.
 */
final class Tables {
  static final String BRIN_VESTIGING = "brin_vestiging";

  private final SparkSession spark;
  private final Warehouse warehouse;

  Tables(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  Dataset<Row> read(String name) {
    return spark.read().format("delta").load(warehouse.table(name));
  }

  boolean exists(String name) {
    return DeltaTable.isDeltaTable(spark, warehouse.table(name));
  }

  /** Replaces the whole table (schema included). */
  void overwrite(Dataset<Row> data, String name) {
    data.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(warehouse.table(name));
  }

  void append(Dataset<Row> data, String name) {
    data.write().format("delta").mode(SaveMode.Append).save(warehouse.table(name));
  }

  /**
   * Makes the rows of {@code schools} in table {@code name} equal to {@code staged} with one Delta
   * MERGE on {@code keys}: changed rows are updated, new rows inserted, rows of those schools that
   * are no longer staged deleted; the rows of other schools and unchanged rows are not touched.
   * {@code staged} must hold only rows of {@code schools}, at most one per key.
   */
  void upsertSchools(String name, Dataset<Row> staged, List<String> keys, Collection<String> schools) {
    Column inScope = col("t." + BRIN_VESTIGING).isin(schools.toArray());
    Column sameKey = keys.stream().map(k -> col("t." + k).eqNullSafe(col("s." + k))).reduce(Column::and).orElseThrow();
    Column unchanged = Arrays.stream(staged.columns()).map(c -> col("t." + c).eqNullSafe(col("s." + c)))
        .reduce(Column::and).orElseThrow();
    DeltaTable.forPath(spark, warehouse.table(name)).as("t")
        .merge(staged.as("s"), sameKey.and(inScope))
        .whenMatched(not(unchanged)).updateAll()
        .whenNotMatched().insertAll()
        .whenNotMatchedBySource(inScope).delete()
        .execute();
  }

  /** Sets {@code column} to {@code value} in the rows matching {@code condition}: one Delta UPDATE. */
  void update(String name, Column condition, String column, Column value) {
    DeltaTable.forPath(spark, warehouse.table(name)).update(condition, Map.of(column, value));
  }

  /** Replaces the rows matching {@code predicate} (a SQL condition the new rows all meet). */
  void replaceWhere(Dataset<Row> data, String name, String predicate) {
    data.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", predicate).save(warehouse.table(name));
  }

  /** Replaces the rows of one school year (and creates the table, partitioned by school year). */
  void replaceYear(Dataset<Row> data, String name, String predicate) {
    if (!exists(name)) {
      data.write().format("delta").partitionBy("school_year").save(warehouse.table(name));
      return;
    }
    replaceWhere(data, name, predicate);
  }

  /** A SQL list of school codes for a predicate: {@code ('07AB00', '21CD00')}. */
  static String sqlList(Collection<String> values) {
    return values.stream().map(v -> "'" + v.replace("'", "''") + "'").sorted()
        .reduce((a, b) -> a + ", " + b).map(s -> "(" + s + ")").orElse("(NULL)");
  }
}
