package nl.schoolmonitor.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class PercentagesTest {

  @Test
  void oneDecimalRoundsHalfUpAndIsNullWithoutADenominator(SparkSession spark) {
    StructType schema = new StructType().add("part", DataTypes.LongType, true).add("whole", DataTypes.LongType, true);
    Dataset<Row> parts = spark.createDataFrame(List.of(
        RowFactory.create(1L, 16L),   // 6.25: half up gives 6.3 (half even would give 6.2)
        RowFactory.create(1L, 80L),   // 1.25 -> 1.3
        RowFactory.create(1L, 3L),    // 33.33 -> 33.3
        RowFactory.create(2L, 3L),    // 66.67 -> 66.7
        RowFactory.create(7L, 7L),    // 100.0
        RowFactory.create(0L, 5L),    // 0.0
        RowFactory.create(1L, 0L),    // no denominator
        RowFactory.create(1L, null)), schema);

    Dataset<Row> pct = parts.select(col("part"), col("whole"), Percentages.oneDecimal(col("part"), col("whole")).as("pct"));

    assertThat(pct.schema().apply("pct").dataType()).isEqualTo(DataTypes.createDecimalType(4, 1));
    assertThat(pct.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create(1L, 16L, new BigDecimal("6.3")),
        RowFactory.create(1L, 80L, new BigDecimal("1.3")),
        RowFactory.create(1L, 3L, new BigDecimal("33.3")),
        RowFactory.create(2L, 3L, new BigDecimal("66.7")),
        RowFactory.create(7L, 7L, new BigDecimal("100.0")),
        RowFactory.create(0L, 5L, new BigDecimal("0.0")),
        RowFactory.create(1L, 0L, null),
        RowFactory.create(1L, null, null));
  }
}
