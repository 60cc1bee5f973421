package nl.schoolmonitor.config;

/**
 * The settings of the leerplicht and VSV tables (DOMAIN.md sections 7 and 8), from the optional
 * {@code leerplicht:} section of the region file; a missing key takes the default below.
 *
 * @param followupWeeks       weeks after a pupil first met {@code reportable_16h} within which a
 *                            verzuimmelding is expected (Leerplichtwet art. 21a asks the school to report
 *                            "onverwijld"; 4 weeks leaves room for the DUO verzuimloket and the
 *                            municipality's export); later the pupil counts as not reported
 * @param thuiszitterDays     calendar days out of school, without exemption, that make a thuiszitter (28 =
 *                            4 weeks, Thuiszitterspact working definition)
 * @param longThuiszitterMonths months out of school after which a thuiszitter is counted as "longer" (3,
 *                            Thuiszitterspact: those out longer than 3 months are reported separately)
 */
public record LeerplichtRule(int followupWeeks, int thuiszitterDays, int longThuiszitterMonths) {

  public static final LeerplichtRule DEFAULT = new LeerplichtRule(4, 28, 3);

  public LeerplichtRule {
    if (followupWeeks <= 0 || thuiszitterDays <= 0 || longThuiszitterMonths <= 0) {
      throw new IllegalArgumentException("leerplicht: every setting must be above 0, got followup_weeks="
          + followupWeeks + ", thuiszitter_days=" + thuiszitterDays + ", long_thuiszitter_months="
          + longThuiszitterMonths);
    }
  }
}
