package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Giving a transformation's result exactly the declared schema of its table. */
public final class Schemas {

  private Schemas() {}

  /**
   * Selects the columns of {@code schema} by name, in its order, and gives them its types,
   * nullability and comments. A column declared NOT NULL is checked row by row: a null there is
   * a bug in the transformation (its rules should have quarantined the row), so the query fails
   * with the table and column named instead of writing a silent default.
   *
   * @throws IllegalArgumentException when a column is missing or has another type
   */
  public static Dataset<Row> conform(Dataset<Row> df, StructType schema, String table) {
    StructType actual = df.schema();
    Column[] columns = Arrays.stream(schema.fields()).map(f -> conformed(actual, f, table)).toArray(Column[]::new);
    return df.select(columns).to(schema);
  }

  private static Column conformed(StructType actual, StructField field, String table) {
    String name = field.name();
    if (!Arrays.asList(actual.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("Cannot build " + table + ": column " + name + " is missing; have "
          + Arrays.toString(actual.fieldNames()));
    }
    DataType type = actual.apply(name).dataType();
    if (!type.equals(field.dataType())) {
      throw new IllegalArgumentException("Cannot build " + table + ": column " + name + " is "
          + type.simpleString() + ", declared " + field.dataType().simpleString());
    }
    Column c = col(name);
    if (field.nullable() || !actual.apply(name).nullable()) {
      return c.as(name);
    }
    // coalesce(..., default) tells Spark the column is never null; the default is unreachable
    // because the CASE before it raises the error first.
    Column checked = when(c.isNull(), raise_error(lit("Bug: " + table + "." + name
        + " is null although declared NOT NULL; a rule should have quarantined the row"))).otherwise(c);
    return coalesce(checked, unreachableDefault(field.dataType())).as(name);
  }

  private static Column unreachableDefault(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return lit("");
    } else if (type.equals(DataTypes.IntegerType)) {
      return lit(0);
    } else if (type.equals(DataTypes.LongType)) {
      return lit(0L);
    } else if (type.equals(DataTypes.DoubleType)) {
      return lit(0.0);
    } else if (type.equals(DataTypes.BooleanType)) {
      return lit(false);
    } else if (type.equals(DataTypes.DateType)) {
      return lit(LocalDate.EPOCH);
    }
    throw new IllegalArgumentException("No NOT NULL support for type " + type.simpleString());
  }
}
