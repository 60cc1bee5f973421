package nl.schoolmonitor.config;

/**
 * The thresholds of the early-warning and legal flags (DOMAIN.md section 5, CONTRACT.md section 5).
 *
 * @param reportableMinutes   unauthorised minutes within {@code reportableWeeks} consecutive school
 *                            weeks that make absence reportable: 960 = 16 clock hours (Leerplichtwet
 *                            art. 21a, "16 uur in 4 lesweken")
 * @param reportableWeeks     the window of the 16-hour rule, in school weeks (4)
 * @param mazlEpisodes        sickness episodes starting within {@code mazlWeeks} school weeks that meet
 *                            M@ZL (4 in 12, M@ZL: Meer Aandacht voor Ziekgemelde Leerlingen)
 * @param mazlWeeks           the window for counting episodes, in school weeks (12)
 * @param mazlEpisodeDays     the school day of one sickness episode on which M@ZL is met (7)
 * @param longAbsenceDays     consecutive school days entirely missed without authorisation that make a
 *                            pupil a thuiszitter candidate (20 = 4 school weeks, Thuiszitterspact)
 */
public record FlagRule(int reportableMinutes, int reportableWeeks, int mazlEpisodes, int mazlWeeks,
    int mazlEpisodeDays, int longAbsenceDays) {

  public static final FlagRule DEFAULT = new FlagRule(960, 4, 4, 12, 7, 20);

  public FlagRule {
    if (reportableMinutes <= 0 || reportableWeeks <= 0 || mazlEpisodes <= 0 || mazlWeeks <= 0 || mazlEpisodeDays <= 0
        || longAbsenceDays <= 0) {
      throw new IllegalArgumentException("flags: every threshold must be above 0, got " + this);
    }
  }
}
