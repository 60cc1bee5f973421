package nl.schoolmonitor.research;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * k-anonymity of a research extract: every combination of quasi-identifiers (the columns a
 * recipient could know from elsewhere) occurs at least k times. Rows in smaller combinations are
 * generalised step by step (local recoding, in the order of {@code research.yaml}); what is still
 * too small after the last step fails the extract with the combinations named. Null is a value
 * here: suppressed cells form one group.
 */
public final class KAnonymity {

  /** One generalisation of the fallback: the column it coarsens and to what. */
  public enum Step {
    PC4_SUPPRESSED(ResearchExtract.PC4, "PC4 suppressed (null)"),
    RESIDENCE_MUNICIPALITY_SUPPRESSED(ResearchExtract.RESIDENCE_MUNICIPALITY, "municipality of residence suppressed (null)"),
    SEX_SUPPRESSED(ResearchExtract.SEX, "sex suppressed (null)"),
    BIRTH_YEAR_SUPPRESSED(ResearchExtract.BIRTH_YEAR, "birth year suppressed (null)"),
    SCHOOL_SIZE_SUPPRESSED(ResearchExtract.SCHOOL_SIZE_BAND, "school size band suppressed (null)"),
    YEAR_GROUP_SUPPRESSED(ResearchExtract.YEAR_GROUP, "year group suppressed (null)"),
    SCHOOL_TYPE_SUPPRESSED(ResearchExtract.SCHOOL_TYPE, "school type suppressed (null; the sector stays)");

    private final String column;
    private final String description;

    Step(String column, String description) {
      this.column = column;
      this.description = description;
    }

    public String column() {
      return column;
    }

    public String description() {
      return description;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Thrown when combinations occur fewer than k times after every generalisation step. */
  public static final class NotAnonymousException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAnonymousException(String message) {
      super(message);
    }
  }

  private static final String GROUP_SIZE = "_group_size";

  private KAnonymity() {}

  /** Applies {@code steps} in order, each to the rows whose combination occurs fewer than k times. */
  public static Dataset<Row> generalise(Dataset<Row> extract, List<String> quasiIdentifiers, int k, List<Step> steps) {
    Dataset<Row> out = extract;
    Column[] qi = quasiIdentifiers.stream().map(c -> col(c)).toArray(Column[]::new);
    for (Step step : steps) {
      Column small = col(GROUP_SIZE).lt(k);
      Column current = col(step.column());
      out = out.withColumn(GROUP_SIZE, count(lit(1)).over(Window.partitionBy(qi)))
          .withColumn(step.column(), when(small, lit(null).cast(out.schema().apply(step.column()).dataType()))
              .otherwise(current))
          .drop(GROUP_SIZE);
    }
    return out;
  }

  /**
   * The rows whose combination still occurs fewer than k times after the fallback are withheld
   * (ARX's and sdcMicro's record suppression): the rows kept. The job counts the withheld rows,
   * reports them and fails when they exceed {@code k_anonymity.max_withheld_pct}.
   */
  public static Dataset<Row> withholdSmall(Dataset<Row> extract, List<String> quasiIdentifiers, int k) {
    Column[] qi = quasiIdentifiers.stream().map(c -> col(c)).toArray(Column[]::new);
    return extract.withColumn(GROUP_SIZE, count(lit(1)).over(Window.partitionBy(qi)))
        .filter(col(GROUP_SIZE).geq(k)).drop(GROUP_SIZE);
  }

  /** The combinations that occur fewer than k times, with their count; empty when the extract is k-anonymous. */
  public static Dataset<Row> violations(Dataset<Row> extract, List<String> quasiIdentifiers, int k) {
    Column[] qi = quasiIdentifiers.stream().map(c -> col(c)).toArray(Column[]::new);
    return extract.groupBy(qi).count().filter(col("count").lt(k));
  }

  /** Fails with the small combinations (at most 5 shown) when the extract is not k-anonymous. */
  public static void check(Dataset<Row> extract, List<String> quasiIdentifiers, int k) {
    Dataset<Row> small = violations(extract, quasiIdentifiers, k);
    List<Row> shown = small.limit(5).collectAsList();
    if (!shown.isEmpty()) {
      long total = small.count();
      throw new NotAnonymousException(String.format(Locale.ROOT,
          "The extract is not %d-anonymous: %d combination(s) of %s occur fewer than %d times after the fallback"
              + " (e.g. %s). Add a generalisation step to k_anonymity.fallback in research.yaml, or drop a"
              + " quasi-identifier; nothing was written.",
          k, total, quasiIdentifiers, k,
          shown.stream().map(Row::toString).collect(Collectors.joining("; "))));
    }
  }
}
