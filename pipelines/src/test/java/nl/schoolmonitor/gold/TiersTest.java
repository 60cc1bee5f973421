package nl.schoolmonitor.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.config.TierRule;
import nl.schoolmonitor.config.TierRule.Boundaries;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tier column must agree with {@link TierRule#tierOf}, the rule's own definition, everywhere. */
@ExtendWith(SharedSpark.class)
class TiersTest {

  private static final StructType MINUTES = new StructType()
      .add("missed", DataTypes.LongType, true)
      .add("scheduled", DataTypes.LongType, true)
      .add("school_days", DataTypes.IntegerType, true);

  private static final List<TierRule> RULES = List.of(
      TierRule.DEFAULT,
      new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"), Boundaries.STRICT, 20),
      new TierRule(new BigDecimal("4.5"), new BigDecimal("9.5"), Boundaries.INCLUSIVE, 10),
      new TierRule(new BigDecimal("0.0"), new BigDecimal("100"), Boundaries.STRICT, 0));

  @Test
  void tierColumnAgreesWithTierRuleOnEveryMissedMinuteOfSmallSchedules(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (long scheduled : new long[] {1, 3, 7, 20, 100, 330, 1000}) {
      for (long missed = 0; missed <= scheduled; missed++) {
        rows.add(RowFactory.create(missed, scheduled, 20));
      }
    }
    Dataset<Row> minutes = spark.createDataFrame(rows, MINUTES);

    for (TierRule rule : RULES) {
      List<Row> tiered = minutes
          .select(col("missed"), col("scheduled"),
              Tiers.tierColumn(col("missed"), col("scheduled"), col("school_days"), rule).as("tier"))
          .collectAsList();
      List<Row> expected = rows.stream()
          .map(r -> RowFactory.create(r.getLong(0), r.getLong(1), rule.tierOf(r.getLong(0), r.getLong(1))))
          .toList();
      assertThat(tiered).as("rule %s", rule).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void noTierWithTooFewDaysNoScheduleOrAnUnknownValue(SparkSession spark) {
    Dataset<Row> minutes = spark.createDataFrame(List.of(
        RowFactory.create(0L, 1000L, 19),
        RowFactory.create(0L, 1000L, 20),
        RowFactory.create(0L, 0L, 20),
        RowFactory.create(null, 1000L, 20),
        RowFactory.create(0L, null, 20),
        RowFactory.create(0L, 1000L, null)), MINUTES);

    List<Row> tiered = minutes
        .select(col("missed"), col("scheduled"), col("school_days"),
            Tiers.statusColumn(Tiers.tierColumn(col("missed"), col("scheduled"), col("school_days"), TierRule.DEFAULT)))
        .collectAsList();

    assertThat(tiered).containsExactlyInAnyOrder(
        RowFactory.create(0L, 1000L, 19, "insufficient_days"),
        RowFactory.create(0L, 1000L, 20, "tier1"),
        RowFactory.create(0L, 0L, 20, "insufficient_days"),
        RowFactory.create(null, 1000L, 20, "insufficient_days"),
        RowFactory.create(0L, null, 20, "insufficient_days"),
        RowFactory.create(0L, 1000L, null, "insufficient_days"));
  }
}
