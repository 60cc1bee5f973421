package nl.schoolmonitor.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one local SparkSession of a test run (there is no spark-testing library for Spark 4).
 * Kept in the root {@link ExtensionContext.Store}, so every test class shares it and it is
 * stopped when the run ends. Use with {@code @ExtendWith(SharedSpark.class)} and a
 * {@code SparkSession} parameter. Settings are the fast ones of ../shared/STACK.md; they are
 * test settings and never appear in production code.
 */
public final class SharedSpark implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSpark.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(Session.class, key -> new Session(), Session.class).spark;
  }

  /** Stopped by JUnit when the root store closes, at the end of the run. */
  private static final class Session implements AutoCloseable {
    final SparkSession spark;

    Session() {
      try {
        Path warehouse = Files.createTempDirectory("monitor-test-warehouse");
        SparkSession.Builder builder = SparkSession.builder()
            .appName("monitor-tests")
            .master("local[2]");
        if (deltaOnClasspath()) {
          builder
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        }
        spark = builder
            .config("spark.sql.warehouse.dir", warehouse.toString())
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .config("spark.sql.ansi.enabled", "true")
            .config("spark.sql.legacy.javaCharsets", "true")
            .getOrCreate();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The pipelines module has no Delta; the jobs module's tests do. */
    private static boolean deltaOnClasspath() {
      try {
        Class.forName("io.delta.sql.DeltaSparkSessionExtension");
        return true;
      } catch (ClassNotFoundException e) {
        return false;
      }
    }

    @Override
    public void close() {
      spark.stop();
    }
  }
}
