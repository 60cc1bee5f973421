package nl.schoolmonitor.config;

import java.math.BigDecimal;

/** The norm a pyramid is compared with: 80 / 15 / 5 percent of pupils per tier (seed 000). */
public record Norm(BigDecimal tier1Pct, BigDecimal tier2Pct, BigDecimal tier3Pct) {

  public static final Norm DEFAULT = new Norm(new BigDecimal("80.0"), new BigDecimal("15.0"), new BigDecimal("5.0"));

  public Norm {
    if (tier1Pct.add(tier2Pct).add(tier3Pct).compareTo(new BigDecimal(100)) != 0) {
      throw new IllegalArgumentException("norm: tier1_pct + tier2_pct + tier3_pct must be 100, got "
          + tier1Pct + " + " + tier2Pct + " + " + tier3Pct);
    }
  }
}
