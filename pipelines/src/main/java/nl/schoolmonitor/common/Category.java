package nl.schoolmonitor.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The canonical absence categories of DOMAIN.md section 4, in the order that settles a conflict
 * between two registrations of the same time: authorised before unauthorised ("benefit of the
 * doubt", CONTRACT.md section 5) and, among the authorised ones, {@code sick} first.
 */
public enum Category {
  SICK(Counts.MISSED, true),
  MEDICAL(Counts.MISSED, true),
  LEAVE(Counts.MISSED, true),
  SUSPENDED(Counts.MISSED, true),
  REMOVED_FROM_CLASS(Counts.MISSED, false),
  UNAUTHORISED(Counts.MISSED, false),
  LUXURY_LEAVE(Counts.MISSED, false),
  LATE(Counts.LATE, false),
  EXEMPT(Counts.UNSCHEDULED, false),
  NOT_ABSENCE(Counts.NOTHING, false),
  PRESENT(Counts.NOTHING, false);

  /** What a registration in a category does to the pupil's time. */
  public enum Counts {
    /** Missed scheduled time. */
    MISSED,
    /** A late arrival: counted and its minutes kept apart, not missed time (config switch). */
    LATE,
    /** Removes the time from the schedule (vrijstelling). */
    UNSCHEDULED,
    /** Ignored (present, materials forgotten). */
    NOTHING
  }

  private final Counts counts;
  private final boolean authorised;

  Category(Counts counts, boolean authorised) {
    this.counts = counts;
    this.authorised = authorised;
  }

  /** The snake_case name used in configuration and tables, e.g. {@code removed_from_class}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Counts counts() {
    return counts;
  }

  /**
   * Authorised (geoorloofd) per CONTRACT.md section 4. {@code removed_from_class} is
   * unauthorised by default; a region may change that in its region file.
   */
  public boolean authorised() {
    return authorised;
  }

  /** Rank for settling overlaps: lower wins. */
  public int priority() {
    return ordinal();
  }

  /** The categories that count as missed time, in priority order. */
  public static List<Category> missed() {
    return Arrays.stream(values()).filter(c -> c.counts == Counts.MISSED).toList();
  }

  public static Category fromCode(String code) {
    for (Category c : values()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "Unknown absence category '" + code + "'; valid: "
            + Arrays.stream(values()).map(Category::code).toList());
  }
}
