package nl.schoolmonitor.research;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which pupil characteristics go with an outcome in a research extract (issue 8): a logistic
 * regression (MLlib {@code GeneralizedLinearRegression}, family binomial, on every row) for odds
 * ratios with 95 % Wald intervals; the same model fitted on a training split for the AUC and the
 * calibration by decile on the held-out rows; gradient-boosted trees on the same split for
 * comparison, with their feature importances. Every predictor is a 0/1 column computed from the
 * extract's own columns ({@link #predictors}), so a researcher can rebuild the model from the CSV.
 */
public final class PredictorModel {
  public static final String LABEL = "label";
  public static final String FEATURES = "features";

  /** The tables the model writes, as Spark rows with the schemas below. */
  public record Results(List<Row> oddsRatios, List<Row> metrics, List<Row> calibration, List<Row> importances) {}

  public static final StructType ODDS_RATIOS = new StructType()
      .add("outcome", DataTypes.StringType, false).add("predictor", DataTypes.StringType, false)
      .add("coefficient", DataTypes.DoubleType, false).add("std_error", DataTypes.DoubleType, false)
      .add("odds_ratio", DataTypes.DoubleType, false).add("ci_low", DataTypes.DoubleType, false)
      .add("ci_high", DataTypes.DoubleType, false).add("p_value", DataTypes.DoubleType, false)
      .add("exposed", DataTypes.LongType, false).add("rows", DataTypes.LongType, false)
      .add("positives", DataTypes.LongType, false);
  public static final StructType METRICS = new StructType()
      .add("outcome", DataTypes.StringType, false).add("model", DataTypes.StringType, false)
      .add("auc_test", DataTypes.DoubleType, false).add("rows_train", DataTypes.LongType, false)
      .add("rows_test", DataTypes.LongType, false).add("positives_train", DataTypes.LongType, false)
      .add("positives_test", DataTypes.LongType, false);
  public static final StructType CALIBRATION = new StructType()
      .add("outcome", DataTypes.StringType, false).add("decile", DataTypes.IntegerType, false)
      .add("rows", DataTypes.LongType, false).add("mean_predicted", DataTypes.DoubleType, false)
      .add("observed_rate", DataTypes.DoubleType, false);
  public static final StructType IMPORTANCES = new StructType()
      .add("outcome", DataTypes.StringType, false).add("predictor", DataTypes.StringType, false)
      .add("importance", DataTypes.DoubleType, false);

  /** The outcome "tier 3 in this school year". */
  public static final String TIER3_THIS_YEAR = "tier3_this_year";

  private PredictorModel() {}

  /**
   * The predictors as 0/1 columns of the extract; unknown counts as 0 (the systems that do not
   * deliver Leerlinggewicht, special needs or NT2 are whole sectors or school systems, whose
   * baseline the sector columns carry). Reference categories: PO, Leerlinggewicht 0, sex M or X,
   * previous-year tier 1. With {@code withThisYearsTier} (for later outcomes) tier 2 and 3 of the
   * row's own year are added.
   */
  public static Map<String, Column> predictors(boolean withThisYearsTier) {
    Column sector = col(ResearchExtract.SECTOR);
    Column yearGroup = col(ResearchExtract.YEAR_GROUP);
    Column weight = col(ResearchExtract.PUPIL_WEIGHT);
    Column previous = col(ResearchExtract.PREVIOUS_YEAR_TIER);
    Map<String, Column> p = new LinkedHashMap<>();
    p.put("sector_so", sector.equalTo("SO"));
    p.put("sector_vo", sector.equalTo("VO"));
    p.put("sector_vso", sector.equalTo("VSO"));
    p.put("sector_mbo", sector.equalTo("MBO"));
    // Generator and literature: groep 1-2 more sickness, VO leerjaar 2 and up more truancy than leerjaar 1.
    p.put("po_groep_1_2", sector.isin("PO", "SO").and(yearGroup.leq(2)));
    p.put("vo_leerjaar_2_plus", sector.isin("VO", "VSO").and(yearGroup.geq(2)));
    p.put("mbo_niveau_1_2", col(ResearchExtract.SCHOOL_TYPE).isin("mbo niveau 1", "mbo niveau 2"));
    p.put("weight_0_3", weight.equalTo(0.3));
    p.put("weight_1_2", weight.equalTo(1.2));
    p.put("special_needs", col(ResearchExtract.SPECIAL_NEEDS));
    p.put("nt2", col(ResearchExtract.NT2));
    p.put("sex_v", col(ResearchExtract.SEX).equalTo("V"));
    p.put("previous_tier_2", previous.equalTo(2));
    p.put("previous_tier_3", previous.equalTo(3));
    p.put("previous_tier_unknown", previous.isNull());
    if (withThisYearsTier) {
      p.put("tier_2", col(ResearchExtract.TIER).equalTo(2));
      p.put("tier_3", col(ResearchExtract.TIER).equalTo(3));
    }
    return p;
  }

  /** The rows of {@code extract} with a label and every predictor as a 0/1 double column. */
  public static Dataset<Row> design(Dataset<Row> extract, Column label, Map<String, Column> predictors) {
    List<Column> cols = new ArrayList<>();
    cols.add(when(label, 1.0).otherwise(0.0).as(LABEL));
    predictors.forEach((name, c) -> cols.add(when(coalesce(c, lit(false)), 1.0).otherwise(0.0).as(name)));
    return extract.filter(label.isNotNull()).select(cols.toArray(Column[]::new));
  }

  /**
   * Fits the models of one outcome on a {@link #design} dataset. Predictors that are the same on
   * every row are left out (they have no odds ratio and would make the fit singular).
   */
  public static Results fit(SparkSession spark, String outcome, Dataset<Row> design, List<String> predictorNames,
      ResearchConfig.Model settings) {
    design = design.cache();
    long rows = design.count();
    long positives = design.filter(col(LABEL).equalTo(1.0)).count();
    Map<String, Long> exposed = new LinkedHashMap<>();
    Column[] sumColumns = sumsOf(predictorNames);
    Row sums = design.agg(sumColumns[0], java.util.Arrays.copyOfRange(sumColumns, 1, sumColumns.length)).first();
    for (int i = 0; i < predictorNames.size(); i++) {
      long n = sums.isNullAt(i) ? 0 : (long) sums.getDouble(i);
      if (n > 0 && n < rows) {
        exposed.put(predictorNames.get(i), n);
      }
    }
    List<String> used = List.copyOf(exposed.keySet());
    Dataset<Row> data = new VectorAssembler().setInputCols(used.toArray(String[]::new)).setOutputCol(FEATURES)
        .transform(design).select(col(LABEL), col(FEATURES)).cache();

    List<Row> oddsRatios = oddsRatios(outcome, data, used, exposed, rows, positives);

    Dataset<Row>[] split = data.randomSplit(new double[] {1 - settings.testFraction(), settings.testFraction()},
        settings.seed());
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();
    long trainRows = train.count();
    long testRows = test.count();
    long trainPositives = train.filter(col(LABEL).equalTo(1.0)).count();
    long testPositives = test.filter(col(LABEL).equalTo(1.0)).count();
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator().setLabelCol(LABEL)
        .setRawPredictionCol("rawPrediction").setMetricName("areaUnderROC");

    LogisticRegressionModel logistic = new LogisticRegression().setLabelCol(LABEL).setFeaturesCol(FEATURES)
        .setRegParam(0.0).setMaxIter(100).fit(train);
    Dataset<Row> scored = logistic.transform(test);
    List<Row> metrics = new ArrayList<>();
    metrics.add(RowFactory.create(outcome, "logistic_regression", auc.evaluate(scored), trainRows, testRows,
        trainPositives, testPositives));

    Column probability = functions.vector_to_array(col("probability"), "float64").getItem(1);
    Dataset<Row> deciles = scored.withColumn("p", probability)
        .withColumn("decile", ntile(10).over(Window.orderBy(col("p"))))
        .groupBy("decile").agg(count(lit(1)).as("rows"), avg("p").as("mean_predicted"),
            avg(col(LABEL)).as("observed_rate"))
        .orderBy("decile");
    List<Row> calibration = new ArrayList<>();
    for (Row r : deciles.collectAsList()) {
      calibration.add(RowFactory.create(outcome, r.getInt(0), r.getLong(1), r.getDouble(2), r.getDouble(3)));
    }

    GBTClassificationModel trees = new GBTClassifier().setLabelCol(LABEL).setFeaturesCol(FEATURES)
        .setMaxIter(50).setMaxDepth(3).setSeed(settings.seed()).fit(train);
    metrics.add(RowFactory.create(outcome, "gradient_boosted_trees", auc.evaluate(trees.transform(test)), trainRows,
        testRows, trainPositives, testPositives));
    double[] importance = trees.featureImportances().toArray();
    List<Row> importances = new ArrayList<>();
    for (int i = 0; i < used.size(); i++) {
      importances.add(RowFactory.create(outcome, used.get(i), importance[i]));
    }
    design.unpersist();
    data.unpersist();
    train.unpersist();
    test.unpersist();
    return new Results(oddsRatios, metrics, calibration, importances);
  }

  /**
   * The odds ratios of one outcome: MLlib GeneralizedLinearRegression, family binomial, logit link,
   * fitted on every row of {@code data} ({@code label}, {@code features} of {@code used}); the last
   * row is the intercept (the odds of the reference pupil).
   */
  public static List<Row> oddsRatios(String outcome, Dataset<Row> data, List<String> used, Map<String, Long> exposed,
      long rows, long positives) {
    GeneralizedLinearRegressionModel glm = new GeneralizedLinearRegression().setFamily("binomial").setLink("logit")
        .setLabelCol(LABEL).setFeaturesCol(FEATURES).setMaxIter(50).fit(data);
    double[] se = glm.summary().coefficientStandardErrors();
    double[] p = glm.summary().pValues();
    double[] beta = glm.coefficients().toArray();
    List<Row> oddsRatios = new ArrayList<>();
    for (int i = 0; i < used.size(); i++) {
      OddsRatio or = OddsRatio.of(used.get(i), beta[i], se[i], p[i]);
      oddsRatios.add(RowFactory.create(outcome, or.predictor(), or.coefficient(), or.standardError(), or.oddsRatio(),
          or.ciLow(), or.ciHigh(), or.pValue(), exposed.get(or.predictor()), rows, positives));
    }
    int last = se.length - 1;
    OddsRatio intercept = OddsRatio.of("(intercept)", glm.intercept(), se[last], p[last]);
    oddsRatios.add(RowFactory.create(outcome, intercept.predictor(), intercept.coefficient(), intercept.standardError(),
        intercept.oddsRatio(), intercept.ciLow(), intercept.ciHigh(), intercept.pValue(), rows, rows, positives));

    return oddsRatios;
  }

  private static Column[] sumsOf(List<String> names) {
    return names.stream().map(n -> org.apache.spark.sql.functions.sum(col(n)).as(n)).toArray(Column[]::new);
  }
}
