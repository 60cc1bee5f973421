package nl.schoolmonitor.research;

import java.util.List;

/**
 * The privacy rules and model settings of a research extract ({@code conf/<region>/research.yaml},
 * read by {@link ResearchConfigLoader}; the command line gives paths and key, this file the rules).
 *
 * @param pc4MinPupils       PC4 is kept only for an area with at least this many pupils in the school year
 * @param schoolSizeBands    upper-exclusive bounds of the school size bands, ascending
 * @param tier3ShareBandPct  width of the bands of the school's share of tier 3, in percentage points
 * @param k                  every combination of quasi-identifiers must occur at least k times
 * @param quasiIdentifiers   the extract's columns that a recipient could know from elsewhere
 * @param fallback           the generalisation steps, in order, for rows in combinations smaller than k
 * @param maxWithheldPct     rows still in smaller combinations after the fallback are withheld, up to this share
 * @param thuiszitterVerzuimsoorten the leerplicht verzuimsoorten that count as thuiszitter
 * @param model              the predictor model's settings
 */
public record ResearchConfig(int pc4MinPupils, List<Integer> schoolSizeBands, int tier3ShareBandPct, int k,
    List<String> quasiIdentifiers, List<KAnonymity.Step> fallback, double maxWithheldPct, List<String> thuiszitterVerzuimsoorten,
    Model model) {

  /** @param seed split and trees; @param testFraction held-out share; @param minPositives fewer: no model */
  public record Model(long seed, double testFraction, int minPositives) {}

  public ResearchConfig {
    schoolSizeBands = List.copyOf(schoolSizeBands);
    quasiIdentifiers = List.copyOf(quasiIdentifiers);
    fallback = List.copyOf(fallback);
    thuiszitterVerzuimsoorten = List.copyOf(thuiszitterVerzuimsoorten);
  }
}
