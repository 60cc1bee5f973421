package nl.schoolmonitor.jobs.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Read-only SQL over a warehouse's Delta tables by short name ({@code gold.pyramid}), with
 * Delta time travel. {@code SHOW TABLES [IN layer]} lists the short names (there is no
 * metastore, so Spark's own would list nothing).
 */
public final class WarehouseSql {

  private static final Pattern SHOW_TABLES =
      Pattern.compile("\\s*SHOW\\s+TABLES(?:\\s+(?:IN|FROM)\\s+(\\w+))?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

  static final StructType TABLES_SCHEMA = new StructType()
      .add("layer", DataTypes.StringType, false)
      .add("table", DataTypes.StringType, false)
      .add("path", DataTypes.StringType, false);

  private final SparkSession spark;
  private final WarehouseTables tables;

  public WarehouseSql(SparkSession spark, Path warehouse) {
    this.spark = spark;
    this.tables = WarehouseTables.of(warehouse);
  }

  public WarehouseTables tables() {
    return tables;
  }

  /** The result of one read-only statement; refused with the reason when it could write. */
  public Dataset<Row> query(String statement) {
    ReadOnlyStatements.require(statement);
    Matcher show = SHOW_TABLES.matcher(statement);
    if (show.matches()) {
      return tableList(show.group(1));
    }
    String sql = tables.rewrite(statement.strip());
    if (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1);
    }
    return spark.sql(sql);
  }

  private Dataset<Row> tableList(String layer) {
    String wanted = layer == null ? null : layer.toLowerCase(Locale.ROOT);
    if (wanted != null && !WarehouseTables.LAYERS.contains(wanted)) {
      throw new IllegalArgumentException("No layer " + layer + "; layers: " + String.join(", ", WarehouseTables.LAYERS));
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Path> t : tables.tables().entrySet()) {
      String[] parts = t.getKey().split("\\.", 2);
      if (wanted == null || wanted.equals(parts[0])) {
        rows.add(RowFactory.create(parts[0], t.getKey(), t.getValue().toString()));
      }
    }
    return spark.createDataFrame(rows, TABLES_SCHEMA);
  }
}
