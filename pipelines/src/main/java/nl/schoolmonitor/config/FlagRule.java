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
 * @param lateCount           late arrivals within {@code lateWeeks} consecutive school weeks that make a
 *                            late pattern (10: late on half the school days of 4 weeks)
 * @param lateMinutes         or minutes late within those weeks (200 = 10 minutes on each of the 20 school
 *                            days of 4 weeks; seed 000: 10 minutes late a day adds up to half a school
 *                            year missed)
 * @param lateWeeks           the window of the late pattern, in school weeks (4, as the 16-hour rule)
 * @param holidayAdjacentMinutes missed minutes on a school day next to a holiday that make it count
 *                            (unauthorised ones on the day before or after, any category on a Monday
 *                            after; 1 = any absence: DOMAIN.md section 5 names no minimum)
 * @param holidayAdjacentDays such days in the school year to date that meet the flag (1: luxe verzuim
 *                            is a report of its own, verzuimsoort L, without an hour threshold)
 */
public record FlagRule(int reportableMinutes, int reportableWeeks, int mazlEpisodes, int mazlWeeks,
    int mazlEpisodeDays, int longAbsenceDays, int lateCount, int lateMinutes, int lateWeeks,
    int holidayAdjacentMinutes, int holidayAdjacentDays) {

  public static final FlagRule DEFAULT = new FlagRule(960, 4, 4, 12, 7, 20, 10, 200, 4, 1, 1);

  public FlagRule {
    if (reportableMinutes <= 0 || reportableWeeks <= 0 || mazlEpisodes <= 0 || mazlWeeks <= 0 || mazlEpisodeDays <= 0
        || longAbsenceDays <= 0 || lateCount <= 0 || lateMinutes <= 0 || lateWeeks <= 0 || holidayAdjacentMinutes <= 0
        || holidayAdjacentDays <= 0) {
      throw new IllegalArgumentException("flags: every threshold must be above 0, got " + this);
    }
  }
}
