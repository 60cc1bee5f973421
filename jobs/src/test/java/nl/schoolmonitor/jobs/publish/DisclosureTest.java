package nl.schoolmonitor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Disclosure control on small tables written out by hand; every expected row is complete. */
class DisclosureTest {

  private static final DisclosureRule RULE = DisclosureRule.DEFAULT;
  private static final String PYRAMID = "school_year,reference_date,window,level,unit_code,unit_name,pupils,"
      + "insufficient_days,tier1,tier2,tier3,tier1_pct,tier2_pct,tier3_pct,norm_tier1_pct,norm_tier2_pct,"
      + "norm_tier3_pct,diff_tier1_pp,diff_tier2_pp,diff_tier3_pp";
  private static final String ROW = "2025-2026,2026-03-27,school_year_to_date,";
  private static final UnitHierarchy HIERARCHY = UnitHierarchy.of("twente", List.of(
      new UnitHierarchy.School("07AB00", "PO", "GM0153", "41001", "SWV 23-01"),
      new UnitHierarchy.School("07AB01", "PO", "GM0153", "41001", "SWV 23-01"),
      new UnitHierarchy.School("08KM00", "PO", "GM0153", "41001", "SWV 23-01")), Map.of("GM0153", "22"));

  @Test
  void aSchoolWithThreePupilsInTier3HasThatCellAndTheSmallestOtherTierOfItsRowSuppressed() {
    PublishedTable pyramid = PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
        ROW + "school,07AB00,De Esch,20,1,12,5,3,60.0,25.0,15.0,80.0,15.0,5.0,-20.0,10.0,10.0"));

    List<String[]> text = protect(pyramid).get(0);

    // tier3 = 3 is a small count; pupils = tier1 + tier2 + tier3 would give it back, so the
    // smallest other tier (tier2 = 5) goes too, with the percentages and differences of both.
    // insufficient_days = 1 is a small count on its own (no line: flags.csv is not published here).
    assertThat(text).containsExactly(
        (ROW + "school,07AB00,De Esch,20,x,12,x,x,60.0,x,x,80.0,15.0,5.0,-20.0,x,x").split(","));
    assertThat(violations(List.of(pyramid), text)).isEmpty();
  }

  @Test
  void theCheckRejectsARowWhereOnlyTheSmallTierIsSuppressed() {
    PublishedTable pyramid = PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
        ROW + "school,07AB00,De Esch,20,0,12,5,3,60.0,25.0,15.0,80.0,15.0,5.0,-20.0,10.0,10.0"));
    List<String[]> onlyTier3 = List.<String[]>of(
        (ROW + "school,07AB00,De Esch,20,0,12,5,x,60.0,25.0,x,80.0,15.0,5.0,-20.0,10.0,x").split(","));

    assertThat(violations(List.of(pyramid), onlyTier3)).containsExactly(
        "pyramid.csv line 2 (school 07AB00, school_year_to_date): tier3 is the only x in the line "
            + "'pupils = tier1 + tier2 + tier3', so the other cells give it back");
  }

  @Test
  void theCheckRejectsAShownSmallCountAndAPercentageOfAHiddenCount() {
    PublishedTable pyramid = PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
        ROW + "school,07AB00,De Esch,20,0,12,5,3,60.0,25.0,15.0,80.0,15.0,5.0,-20.0,10.0,10.0"));
    List<String[]> shown = List.<String[]>of(
        (ROW + "school,07AB00,De Esch,20,0,12,x,3,60.0,25.0,15.0,80.0,15.0,5.0,-20.0,10.0,10.0").split(","));

    assertThat(violations(List.of(pyramid), shown)).contains(
        "pyramid.csv line 2 (school 07AB00, school_year_to_date): tier3 = 3 is a count below 5 and is shown",
        "pyramid.csv line 2 (school 07AB00, school_year_to_date): tier2_pct = 25.0 is shown while tier2, "
            + "which it is computed from, is x");
  }

  @Test
  void aPercentageOverNinePupilsIsSuppressedAndOverTenIsNot() {
    PublishedTable pyramid = PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
        ROW + "school,07AB00,De Esch,9,0,9,0,0,100.0,0.0,0.0,80.0,15.0,5.0,20.0,-15.0,-5.0",
        ROW + "school,07AB01,Helmerhoek,10,0,10,0,0,100.0,0.0,0.0,80.0,15.0,5.0,20.0,-15.0,-5.0"));

    assertThat(protect(pyramid).get(0)).containsExactly(
        (ROW + "school,07AB00,De Esch,9,0,9,0,0,x,x,x,80.0,15.0,5.0,x,x,x").split(","),
        (ROW + "school,07AB01,Helmerhoek,10,0,10,0,0,100.0,0.0,0.0,80.0,15.0,5.0,20.0,-15.0,-5.0").split(","));
  }

  @Test
  void aMunicipalityMinusItsVisibleSchoolsCannotRevealASuppressedSchool() {
    // Every tier1 and tier2 is large; tier3 of 07AB00 is 3. Within each row the smallest other tier
    // is hidden with it; then the municipality's tier3 (20 = 3 + 7 + 10) and its tier2 must not
    // give 07AB00 back: a second school is hidden in each column, the smallest.
    PublishedTable pyramid = PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
        ROW + "municipality,GM0153,Enschede,220,0,150,50,20,68.2,22.7,9.1,80.0,15.0,5.0,-11.8,7.7,4.1",
        ROW + "school,07AB00,De Esch,60,0,42,15,3,70.0,25.0,5.0,80.0,15.0,5.0,-10.0,10.0,0.0",
        ROW + "school,07AB01,Helmerhoek,70,0,48,15,7,68.6,21.4,10.0,80.0,15.0,5.0,-11.4,6.4,5.0",
        ROW + "school,08KM00,De Bron,90,0,60,20,10,66.7,22.2,11.1,80.0,15.0,5.0,-13.3,7.2,6.1"));

    List<String[]> text = protect(pyramid).get(0);

    int tier3 = pyramid.index("tier3");
    assertThat(text.get(1)[tier3]).isEqualTo("x");
    assertThat(text.stream().filter(r -> r[tier3].equals("x")).count()).isGreaterThanOrEqualTo(2);
    assertThat(text.get(2)[tier3]).as("07AB01, the smallest other school").isEqualTo("x");
    assertThat(violations(List.of(pyramid), text)).isEmpty();

    // Only 07AB00 hidden in the school rows: the municipality minus the other two gives it back.
    List<String[]> onlyOne = new ArrayList<>(text);
    String[] shown = text.get(2).clone();
    shown[tier3] = "7";
    shown[pyramid.index("tier3_pct")] = "10.0";
    shown[pyramid.index("diff_tier3_pp")] = "5.0";
    onlyOne.set(2, shown);
    assertThat(violations(List.of(pyramid), onlyOne)).anyMatch(v -> v.startsWith(
        "pyramid.csv line 3 (school 07AB00, school_year_to_date): tier3 is the only x in the line "
            + "'municipality GM0153 and its school units, tier3'"));
  }

  @Test
  void aPercentageOfPupilsWithoutItsCountIsSuppressedWhenItGivesBackASmallCount() {
    String header = "school_year,week_start,level,unit_code,unit_name,pupils,scheduled_minutes,missed_minutes,"
        + "absence_pct,unauthorised_pct,sick_pct,tier3_pct,enrolled_pupils";
    PublishedTable trend = PublishedTables.trendWeekly(TableText.table("trend_weekly", header,
        "2025-2026,2026-03-23,school,07AB00,De Esch,20,33000,1650,5.0,1.0,3.0,10.0,20",
        "2025-2026,2026-03-23,school,07AB01,Helmerhoek,20,33000,1650,5.0,1.0,3.0,25.0,20",
        "2025-2026,2026-03-23,class,07AB00:1a,De Esch 1a,8,13200,660,5.0,1.0,3.0,12.5,8"));

    // 10.0% of 20 pupils is 2 pupils in tier 3; 25.0% is 5. A class of 8 pupils shows no minutes
    // or percentages; 8 itself is shown. The class is the school's only one, so its hidden minutes
    // take the school's with them.
    assertThat(protect(trend).get(0)).containsExactly(
        "2025-2026,2026-03-23,school,07AB00,De Esch,20,x,x,x,x,x,x,20".split(","),
        "2025-2026,2026-03-23,school,07AB01,Helmerhoek,20,33000,1650,5.0,1.0,3.0,25.0,20".split(","),
        "2025-2026,2026-03-23,class,07AB00:1a,De Esch 1a,8,x,x,x,x,x,x,8".split(","));
  }

  @Test
  void aFigureHiddenInTheWeeklyTrendIsHiddenInTheYearOverYearTrendToo() {
    PublishedTable trend = PublishedTables.trendWeekly(TableText.table("trend_weekly",
        "school_year,week_start,level,unit_code,unit_name,pupils,scheduled_minutes,missed_minutes,absence_pct,"
            + "unauthorised_pct,sick_pct,tier3_pct,enrolled_pupils",
        "2025-2026,2026-03-23,school,07AB00,De Esch,20,33000,1650,5.0,1.0,3.0,10.0,20",
        "2025-2026,2026-03-23,class,07AB00:1a,De Esch 1a,8,13200,660,5.0,1.0,3.0,12.5,8"));
    PublishedTable yearOverYear = PublishedTables.trendYearOverYear(TableText.table("trend_year_over_year",
        "school_year,week_start,iso_week,level,unit_code,unit_name,pupils,absence_pct,tier3_pct,previous_school_year,"
            + "previous_week_start,previous_pupils,previous_absence_pct,previous_tier3_pct,absence_pct_change,"
            + "tier3_pct_change",
        "2025-2026,2026-03-23,13,school,07AB00,De Esch,20,5.0,10.0,2024-2025,2025-03-24,30,4.0,30.0,1.0,-20.0"));

    List<List<String[]>> text = protect(trend, yearOverYear);

    // The school's minutes go with those of its only class (8 pupils), so its absence_pct is x in
    // trend_weekly: the year-over-year table, which shows the same figure, hides it too, though on
    // its own it would not; 10.0% of 20 pupils is 2 pupils in tier 3, hidden in both.
    assertThat(text.get(0).get(0)).containsExactly(
        "2025-2026,2026-03-23,school,07AB00,De Esch,20,x,x,x,x,x,x,20".split(","));
    assertThat(text.get(1)).containsExactly(
        "2025-2026,2026-03-23,13,school,07AB00,De Esch,20,x,x,2024-2025,2025-03-24,30,4.0,30.0,x,x".split(","));
    assertThat(violations(List.of(trend, yearOverYear), text.get(0), text.get(1))).isEmpty();
  }

  @Test
  void flagsArePublishedAgainstTheirPupilsAndThePyramidHoldsTheSameHeadCount() {
    PublishedTable pyramid = PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
        ROW + "school,07AB00,De Esch,40,2,30,5,5,75.0,12.5,12.5,80.0,15.0,5.0,-5.0,-2.5,7.5"));
    PublishedTable flags = PublishedTables.flags(TableText.table("flags",
        "school_year,reference_date,level,unit_code,unit_name,pupils,reportable_16h,mazl,long_absence,late_pattern,"
            + "holiday_adjacent_absence",
        "2025-2026,2026-03-27,school,07AB00,De Esch,42,3,7,0,12,5"));

    List<List<String[]>> text = protect(pyramid, flags);

    // insufficient_days = 2 is hidden; flags' pupils (42 = 40 + 2) would give it back, so the
    // pyramid's pupils goes too, and with it one tier (the smallest) and every percentage.
    assertThat(text.get(0)).containsExactly(
        (ROW + "school,07AB00,De Esch,x,x,30,x,5,x,x,x,80.0,15.0,5.0,x,x,x").split(","));
    assertThat(text.get(1)).containsExactly(
        "2025-2026,2026-03-27,school,07AB00,De Esch,42,x,7,0,12,5".split(","));
    assertThat(violations(List.of(pyramid, flags), text.get(0), text.get(1))).isEmpty();
  }

  private static List<List<String[]>> protect(PublishedTable... tables) {
    List<List<String[]>> text = new ArrayList<>();
    Disclosure.protect(List.of(tables), HIERARCHY, RULE).forEach(s -> text.add(s.text()));
    return text;
  }

  @SafeVarargs
  private static List<String> violations(List<PublishedTable> tables, List<String[]>... written) {
    return DisclosureCheck.violations(tables, List.of(written), HIERARCHY, RULE);
  }
}
