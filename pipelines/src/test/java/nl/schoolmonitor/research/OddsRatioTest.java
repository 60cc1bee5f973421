package nl.schoolmonitor.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.VectorAssembler;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Odds-ratio arithmetic on a 2x2 table, where logistic regression with one 0/1 predictor is
 * saturated: the odds ratio is ad/bc and its standard error Woolf's sqrt(1/a + 1/b + 1/c + 1/d).
 */
@ExtendWith(SharedSpark.class)
class OddsRatioTest {

  @Test
  void oddsRatioAndIntervalAreTheExponentOfCoefficientAndWaldBounds() {
    OddsRatio or = OddsRatio.of("x", Math.log(2.0), 0.5, 0.1);
    assertThat(or.oddsRatio()).isCloseTo(2.0, within(1e-12));
    assertThat(or.ciLow()).isCloseTo(2.0 * Math.exp(-1.959963984540054 * 0.5), within(1e-12));
    assertThat(or.ciHigh()).isCloseTo(2.0 * Math.exp(1.959963984540054 * 0.5), within(1e-12));
  }

  @Test
  void theModelGivesTheOddsRatioOfATwoByTwoTable(SparkSession spark) {
    // Exposed: 30 cases, 70 not; unexposed: 10 cases, 90 not. OR = 30*90 / (70*10) = 3.857.
    List<Row> rows = new ArrayList<>();
    add(rows, 1.0, 1.0, 30);
    add(rows, 0.0, 1.0, 70);
    add(rows, 1.0, 0.0, 10);
    add(rows, 0.0, 0.0, 90);
    StructType schema = new StructType().add(PredictorModel.LABEL, DataTypes.DoubleType, false)
        .add("exposed", DataTypes.DoubleType, false);
    Dataset<Row> data = new VectorAssembler().setInputCols(new String[] {"exposed"})
        .setOutputCol(PredictorModel.FEATURES).transform(spark.createDataFrame(rows, schema));

    List<Row> oddsRatios = PredictorModel.oddsRatios("outcome", data, List.of("exposed"), Map.of("exposed", 100L),
        200, 40);

    Row exposed = oddsRatios.get(0);
    double se = Math.sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 10 + 1.0 / 90);
    assertThat(exposed.getString(1)).isEqualTo("exposed");
    assertThat(exposed.getDouble(4)).isCloseTo(30.0 * 90 / (70 * 10), within(1e-4));
    assertThat(exposed.getDouble(3)).isCloseTo(se, within(1e-4));
    assertThat(exposed.getDouble(5)).isCloseTo(3.857142857 * Math.exp(-1.959963984540054 * se), within(1e-3));
    assertThat(exposed.getDouble(6)).isCloseTo(3.857142857 * Math.exp(1.959963984540054 * se), within(1e-3));
    assertThat(exposed.getLong(8)).isEqualTo(100L);
    assertThat(exposed.getLong(10)).isEqualTo(40L);
    Row intercept = oddsRatios.get(1);
    assertThat(intercept.getString(1)).isEqualTo("(intercept)");
    assertThat(intercept.getDouble(4)).isCloseTo(10.0 / 90, within(1e-5));
  }

  private static void add(List<Row> rows, double label, double exposed, int times) {
    for (int i = 0; i < times; i++) {
      rows.add(RowFactory.create(label, exposed));
    }
  }
}
