package nl.schoolmonitor.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.schoolmonitor.config.ConfigException;

/**
 * Reads and validates {@code research.yaml}. Every key is required (the privacy rules have no
 * silent defaults); every error names the file, the key, the value and what would be valid.
 */
public final class ResearchConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ResearchConfigLoader() {}

  /** Loads {@code fileOrFolder}; a folder means its {@code research.yaml}. */
  public static ResearchConfig load(Path fileOrFolder) {
    Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve("research.yaml") : fileOrFolder;
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("Cannot read the research configuration " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(file + ": expected a YAML mapping with pc4_min_pupils, school_size_bands, ...");
    }
    Reader r = new Reader(file);
    JsonNode kAnonymity = r.child(root, "k_anonymity");
    JsonNode model = r.child(root, "model");
    List<Integer> bands = r.intList(root, "school_size_bands");
    for (int i = 1; i < bands.size(); i++) {
      if (bands.get(i) <= bands.get(i - 1)) {
        throw new ConfigException(file + ": school_size_bands must be ascending, got " + bands);
      }
    }
    List<String> qis = r.textList(kAnonymity, "quasi_identifiers");
    for (String q : qis) {
      if (!ResearchExtract.COLUMNS.contains(q)) {
        throw new ConfigException(file + ": k_anonymity.quasi_identifiers has " + q
            + ", which is no column of the extract; valid: " + ResearchExtract.COLUMNS);
      }
    }
    List<KAnonymity.Step> steps = new ArrayList<>();
    for (String s : r.textList(kAnonymity, "fallback")) {
      try {
        steps.add(KAnonymity.Step.valueOf(s.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": k_anonymity.fallback has " + s + "; valid steps: "
            + Arrays.stream(KAnonymity.Step.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList(), e);
      }
    }
    double maxWithheld = r.number(kAnonymity, "max_withheld_pct");
    if (maxWithheld < 0 || maxWithheld > 5) {
      throw new ConfigException(file + ": k_anonymity.max_withheld_pct must be between 0 and 5 (percent of the rows),"
          + " got " + maxWithheld);
    }
    double testFraction = r.number(model, "test_fraction");
    if (testFraction <= 0 || testFraction >= 1) {
      throw new ConfigException(file + ": model.test_fraction must be between 0 and 1 (exclusive), got " + testFraction);
    }
    return new ResearchConfig(
        r.positive(root, "pc4_min_pupils"),
        bands,
        r.positive(root, "tier3_share_band_pct"),
        r.positive(kAnonymity, "k"),
        qis,
        steps,
        maxWithheld,
        r.textList(r.child(root, "outcomes"), "thuiszitter_verzuimsoorten"),
        new ResearchConfig.Model((long) r.number(model, "seed"), testFraction, r.positive(model, "min_positives")));
  }

  /** Required values with errors that name the file and the key. */
  private record Reader(Path file) {
    JsonNode value(JsonNode parent, String key) {
      JsonNode v = parent.get(key);
      if (v == null || v.isNull()) {
        throw new ConfigException(file + ": missing key " + key);
      }
      return v;
    }

    JsonNode child(JsonNode parent, String key) {
      JsonNode v = value(parent, key);
      if (!v.isObject()) {
        throw new ConfigException(file + ": " + key + " must be a mapping, got " + v);
      }
      return v;
    }

    double number(JsonNode parent, String key) {
      JsonNode v = value(parent, key);
      if (!v.isNumber()) {
        throw new ConfigException(file + ": " + key + " must be a number, got " + v);
      }
      return v.asDouble();
    }

    int positive(JsonNode parent, String key) {
      JsonNode v = value(parent, key);
      if (!v.isInt() || v.asInt() < 1) {
        throw new ConfigException(file + ": " + key + " must be a whole number of at least 1, got " + v);
      }
      return v.asInt();
    }

    List<Integer> intList(JsonNode parent, String key) {
      List<Integer> out = new ArrayList<>();
      for (JsonNode n : list(parent, key)) {
        if (!n.isInt() || n.asInt() < 1) {
          throw new ConfigException(file + ": " + key + " must hold whole numbers of at least 1, got " + n);
        }
        out.add(n.asInt());
      }
      return out;
    }

    List<String> textList(JsonNode parent, String key) {
      List<String> out = new ArrayList<>();
      for (JsonNode n : list(parent, key)) {
        if (!n.isTextual() || n.asText().isBlank()) {
          throw new ConfigException(file + ": " + key + " must hold names, got " + n);
        }
        out.add(n.asText().strip());
      }
      return out;
    }

    private JsonNode list(JsonNode parent, String key) {
      JsonNode v = value(parent, key);
      if (!v.isArray() || v.isEmpty()) {
        throw new ConfigException(file + ": " + key + " must be a non-empty list, got " + v);
      }
      return v;
    }
  }
}
