package nl.schoolmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shuffle partitions of a local run grow with the landing zone, and the next run starts from the default. */
@ExtendWith(SharedSpark.class)
class SparkSessionsTest {

  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  /** {@code max(4, 2 x cores)}: what a local run never goes below. */
  private static final int LOCAL = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  @AfterEach
  void localFlagsOff(SparkSession spark) {
    spark.conf().unset(SparkSessions.SCALE_SHUFFLE_PARTITIONS);
    spark.conf().unset(SparkSessions.LANDING_BYTES_PER_SHUFFLE_PARTITION);
  }

  @Test
  void aLocalRunHasOnePartitionPerLandingSizeAndTheSessionGetsItsValueBack(SparkSession spark) {
    String before = spark.conf().get(PARTITIONS);
    try (SparkSessions.Restore restore = SparkSessions.keepShufflePartitions(spark)) {
      spark.conf().set(SparkSessions.SCALE_SHUFFLE_PARTITIONS, "true");

      SparkSessions.scaleShufflePartitions(spark, 1200L << 20);   // 1.2 GB of exports, 32 MB each
      assertThat(spark.conf().get(PARTITIONS)).isEqualTo(String.valueOf(Math.max(LOCAL, 37)));

      spark.conf().set(SparkSessions.LANDING_BYTES_PER_SHUFFLE_PARTITION, "100m");
      SparkSessions.scaleShufflePartitions(spark, 1200L << 20);
      assertThat(spark.conf().get(PARTITIONS)).isEqualTo(String.valueOf(Math.max(LOCAL, 12)));

      SparkSessions.scaleShufflePartitions(spark, 5L << 20);      // a small region: the local default
      assertThat(spark.conf().get(PARTITIONS)).isEqualTo(String.valueOf(LOCAL));
    }
    assertThat(spark.conf().get(PARTITIONS)).isEqualTo(before);
  }

  @Test
  void aClusterRunKeepsTheLaunchersValue(SparkSession spark) {
    String before = spark.conf().get(PARTITIONS);
    SparkSessions.scaleShufflePartitions(spark, 1200L << 20);
    assertThat(spark.conf().get(PARTITIONS)).isEqualTo(before);
  }
}
