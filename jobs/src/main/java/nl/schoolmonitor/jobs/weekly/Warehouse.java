package nl.schoolmonitor.jobs.weekly;

/**
 * Where each Delta table lives under the warehouse folder (any Hadoop path: local, HDFS, S3).
 * Tables are path-based: no Hive metastore is needed.
 */
public record Warehouse(String root) {

  public String table(String name) {
    return root.replaceAll("/+$", "") + "/" + name;
  }
}
