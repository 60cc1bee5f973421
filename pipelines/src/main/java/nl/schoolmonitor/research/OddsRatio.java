package nl.schoolmonitor.research;

/**
 * One predictor's odds ratio from a logistic regression: exp(coefficient), with the Wald
 * confidence interval exp(coefficient -/+ z * standard error).
 */
public record OddsRatio(String predictor, double coefficient, double standardError, double oddsRatio, double ciLow,
    double ciHigh, double pValue) {

  /** z of a two-sided 95 % interval. */
  public static final double Z_95 = 1.959963984540054;

  public static OddsRatio of(String predictor, double coefficient, double standardError, double pValue) {
    return new OddsRatio(predictor, coefficient, standardError, Math.exp(coefficient),
        Math.exp(coefficient - Z_95 * standardError), Math.exp(coefficient + Z_95 * standardError), pValue);
  }
}
