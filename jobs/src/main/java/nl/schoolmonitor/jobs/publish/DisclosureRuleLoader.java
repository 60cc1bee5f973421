package nl.schoolmonitor.jobs.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.schoolmonitor.config.ConfigException;

/**
 * Reads the {@code disclosure:} block of a region file ({@code conf/<region>/region.yaml}):
 * <pre>
 * disclosure:
 *   min_count: 5          # counts 1-4 become x
 *   min_denominator: 10   # percentages over fewer than 10 pupils become x
 * </pre>
 * A region file without the block, or a key left out, gets {@link DisclosureRule#DEFAULT}'s value:
 * the conservative rule of DOMAIN.md section 10. Kept apart from {@code RegionConfigLoader}, which
 * ignores the block: the rule is the publication's, not the pipeline's, and changing it must not
 * make the weekly run rebuild silver and gold.
 */
public final class DisclosureRuleLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DisclosureRuleLoader() {}

  /** Loads the rule of {@code regionFileOrFolder}; a folder means its {@code region.yaml}. */
  public static DisclosureRule load(Path regionFileOrFolder) {
    Path file = Files.isDirectory(regionFileOrFolder) ? regionFileOrFolder.resolve("region.yaml") : regionFileOrFolder;
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the region file: " + e.getMessage(), e);
    }
    JsonNode block = root == null ? null : root.get("disclosure");
    if (block == null || block.isNull()) {
      return DisclosureRule.DEFAULT;
    }
    if (!block.isObject()) {
      throw new ConfigException(file + ": disclosure: expected a mapping with min_count and min_denominator");
    }
    int minCount = whole(file, block, "min_count", DisclosureRule.DEFAULT.minCount());
    int minDenominator = whole(file, block, "min_denominator", DisclosureRule.DEFAULT.minDenominator());
    try {
      return new DisclosureRule(minCount, minDenominator);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  private static int whole(Path file, JsonNode block, String key, int fallback) {
    JsonNode v = block.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new ConfigException(file + ": disclosure." + key + ": expected a whole number, got '" + v.asText() + "'");
    }
    return v.intValue();
  }
}
