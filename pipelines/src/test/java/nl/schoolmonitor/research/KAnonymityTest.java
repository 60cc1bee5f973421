package nl.schoolmonitor.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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

/** The check fails on a crafted extract with a unique combination and passes after the fallback. */
@ExtendWith(SharedSpark.class)
class KAnonymityTest {

  private static final StructType SCHEMA = new StructType()
      .add(ResearchExtract.SCHOOL_YEAR, DataTypes.StringType, false)
      .add(ResearchExtract.SEX, DataTypes.StringType, true)
      .add(ResearchExtract.PC4, DataTypes.StringType, true)
      .add(ResearchExtract.RESIDENCE_MUNICIPALITY, DataTypes.StringType, true);
  private static final List<String> QI = List.of(ResearchExtract.SCHOOL_YEAR, ResearchExtract.SEX,
      ResearchExtract.PC4, ResearchExtract.RESIDENCE_MUNICIPALITY);
  private static final List<KAnonymity.Step> FALLBACK = List.of(KAnonymity.Step.PC4_SUPPRESSED,
      KAnonymity.Step.SEX_SUPPRESSED);

  /** Three V in 7511 Enschede, three M in 7512 Enschede, and one X in 7513 Enschede: k = 3. */
  private static List<Row> crafted() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(RowFactory.create("2025-2026", "V", "7511", "GM0153"));
      rows.add(RowFactory.create("2025-2026", "M", "7512", "GM0153"));
    }
    rows.add(RowFactory.create("2025-2026", "X", "7513", "GM0153"));
    return rows;
  }

  @Test
  void aUniqueCombinationFailsTheCheckWithTheCombinationNamed(SparkSession spark) {
    Dataset<Row> extract = spark.createDataFrame(crafted(), SCHEMA);
    assertThat(KAnonymity.violations(extract, QI, 3).collectAsList())
        .containsExactly(RowFactory.create("2025-2026", "X", "7513", "GM0153", 1L));
    assertThatThrownBy(() -> KAnonymity.check(extract, QI, 3))
        .isInstanceOf(KAnonymity.NotAnonymousException.class)
        .hasMessageContaining("not 3-anonymous").hasMessageContaining("7513").hasMessageContaining("fallback");
  }

  @Test
  void theFallbackGeneralisesOnlyTheSmallCombinationUntilTheCheckPasses(SparkSession spark) {
    Dataset<Row> generalised = KAnonymity.generalise(spark.createDataFrame(crafted(), SCHEMA), QI, 3, FALLBACK);
    // PC4 of the X pupil goes first; still alone, so its sex goes too; then it joins nobody:
    // with k = 3 that is still too small. The other rows are untouched.
    assertThat(generalised.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2025-2026", "V", "7511", "GM0153"), RowFactory.create("2025-2026", "V", "7511", "GM0153"),
        RowFactory.create("2025-2026", "V", "7511", "GM0153"), RowFactory.create("2025-2026", "M", "7512", "GM0153"),
        RowFactory.create("2025-2026", "M", "7512", "GM0153"), RowFactory.create("2025-2026", "M", "7512", "GM0153"),
        RowFactory.create("2025-2026", null, null, "GM0153"));
    assertThatThrownBy(() -> KAnonymity.check(generalised, QI, 3)).isInstanceOf(KAnonymity.NotAnonymousException.class);
    // What the job does with such a residue (within max_withheld_pct): withhold it, then check.
    Dataset<Row> kept = KAnonymity.withholdSmall(generalised, QI, 3);
    KAnonymity.check(kept, QI, 3);
    assertThat(kept.count()).isEqualTo(6L);

    // Two more pupils in small areas of the same municipality: after the fallback the three
    // form one group of "somewhere in GM0153, sex suppressed" and the check passes.
    List<Row> rows = crafted();
    rows.add(RowFactory.create("2025-2026", "V", "7514", "GM0153"));
    rows.add(RowFactory.create("2025-2026", "M", "7515", "GM0153"));
    Dataset<Row> passes = KAnonymity.generalise(spark.createDataFrame(rows, SCHEMA), QI, 3, FALLBACK);
    KAnonymity.check(passes, QI, 3);
    assertThat(passes.filter(passes.col(ResearchExtract.PC4).isNull()).collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2025-2026", null, null, "GM0153"), RowFactory.create("2025-2026", null, null, "GM0153"),
        RowFactory.create("2025-2026", null, null, "GM0153"));
  }
}
