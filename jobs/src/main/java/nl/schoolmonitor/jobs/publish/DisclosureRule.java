package nl.schoolmonitor.jobs.publish;

/**
 * The small-cell rule of every table published for people (DOMAIN.md section 10; CBS marks such
 * cells {@code x}). Read from the region file's {@code disclosure:} block by
 * {@link DisclosureRuleLoader}; the defaults are the conservative ones of DOMAIN.md.
 *
 * @param minCount       a count of pupils from 1 up to {@code minCount - 1} is shown as {@code x}
 *                       (0 is shown: it names nobody)
 * @param minDenominator a percentage, or a minute total, over fewer than this many pupils is shown
 *                       as {@code x}
 */
public record DisclosureRule(int minCount, int minDenominator) {

  /** Counts 1-4 and percentages over fewer than 10 pupils are suppressed (DOMAIN.md section 10). */
  public static final DisclosureRule DEFAULT = new DisclosureRule(5, 10);

  public DisclosureRule {
    if (minCount < 2) {
      throw new IllegalArgumentException("disclosure.min_count must be at least 2 (a count of 1 names a pupil), got "
          + minCount);
    }
    if (minDenominator < minCount) {
      throw new IllegalArgumentException("disclosure.min_denominator must be at least disclosure.min_count ("
          + minCount + "), got " + minDenominator);
    }
  }

  /** A count that could point at one pupil or a few: 1 up to {@code minCount - 1}. */
  public boolean isSmallCount(long count) {
    return count >= 1 && count < minCount;
  }

  /** A group too small to publish a percentage or a minute total of. */
  public boolean isSmallDenominator(long pupils) {
    return pupils < minDenominator;
  }
}
