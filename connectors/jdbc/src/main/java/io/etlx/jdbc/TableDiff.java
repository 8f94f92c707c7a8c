package io.etlx.jdbc;

import io.etlx.spi.DiffResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compares a staged batch with the target table, in SQL, the way the write mode would apply it. */
final class TableDiff {
  private final Connection c;
  private final TableSpec table;
  private final String staging;
  private final int maxSamples;
  private final List<DiffResult.Sample> samples = new ArrayList<>();

  TableDiff(Connection c, TableSpec table, String staging, int maxSamples) {
    this.c = c;
    this.table = table;
    this.staging = staging;
    this.maxSamples = maxSamples;
  }

  DiffResult run(long staged, LocalDate date, boolean targetExists) throws SQLException {
    if (!targetExists || table.mode() == WriteMode.APPEND || table.primaryKey().isEmpty()) {
      return new DiffResult(staged, 0, 0, 0, List.of());
    }
    String target = DefaultSql.target(table);
    String join =
        table.primaryKey().stream()
            .map(k -> "t." + Sql.quote(k) + " = s." + Sql.quote(k))
            .collect(Collectors.joining(" AND "));
    String kept =
        table.deleteMarker() == null
            ? ""
            : " AND s." + Sql.quote(table.deleteMarker()) + " IS NOT TRUE";
    long added =
        keys(
            "added",
            "SELECT "
                + keyColumns("s")
                + " FROM "
                + staging
                + " s WHERE NOT EXISTS (SELECT 1 FROM "
                + target
                + " t WHERE "
                + join
                + ")"
                + kept,
            List.of());
    long removed = 0;
    if (table.mode() == WriteMode.REPLACE_PARTITION) {
      removed =
          keys(
              "removed",
              "SELECT "
                  + keyColumns("t")
                  + " FROM "
                  + target
                  + " t WHERE t."
                  + Sql.quote(table.partitionColumn())
                  + " = ? AND NOT EXISTS (SELECT 1 FROM "
                  + staging
                  + " s WHERE "
                  + join
                  + ")",
              List.of(date));
    } else if (table.deleteMarker() != null) {
      removed =
          keys(
              "removed",
              "SELECT "
                  + keyColumns("s")
                  + " FROM "
                  + staging
                  + " s JOIN "
                  + target
                  + " t ON "
                  + join
                  + " WHERE s."
                  + Sql.quote(table.deleteMarker())
                  + " IS TRUE",
              List.of());
    }
    long changed = changed(target, join, kept);
    long marked =
        table.deleteMarker() == null
            ? 0
            : count(
                "SELECT count(*) FROM "
                    + staging
                    + " WHERE "
                    + Sql.quote(table.deleteMarker())
                    + " IS TRUE");
    return new DiffResult(added, removed, changed, staged - added - changed - marked, samples);
  }

  private long changed(String target, String join, String kept) throws SQLException {
    List<String> nonKey = DefaultSql.nonKeyColumns(table);
    if (nonKey.isEmpty()) {
      return 0;
    }
    String differs =
        nonKey.stream()
            .map(col -> "t." + Sql.quote(col) + " IS DISTINCT FROM s." + Sql.quote(col))
            .collect(Collectors.joining(" OR "));
    String values =
        nonKey.stream()
            .map(col -> "t." + Sql.quote(col) + ", s." + Sql.quote(col))
            .collect(Collectors.joining(", "));
    String sql =
        "SELECT "
            + keyColumns("s")
            + ", "
            + values
            + " FROM "
            + staging
            + " s JOIN "
            + target
            + " t ON "
            + join
            + " WHERE ("
            + differs
            + ")"
            + kept;
    long count = 0;
    try (PreparedStatement statement = c.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      int keys = table.primaryKey().size();
      while (rs.next()) {
        count++;
        if (samples.size() < maxSamples) {
          Map<String, List<String>> columns = new LinkedHashMap<>();
          for (int i = 0; i < nonKey.size(); i++) {
            String before = rs.getString(keys + 2 * i + 1);
            String after = rs.getString(keys + 2 * i + 2);
            if (before == null ? after != null : !before.equals(after)) {
              columns.put(nonKey.get(i), Arrays.asList(before, after));
            }
          }
          samples.add(new DiffResult.Sample("changed", key(rs), columns));
        }
      }
    }
    return count;
  }

  private long keys(String kind, String sql, List<Object> params) throws SQLException {
    long count = 0;
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        Sql.bind(statement, i + 1, params.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          count++;
          if (samples.size() < maxSamples) {
            samples.add(new DiffResult.Sample(kind, key(rs), Map.of()));
          }
        }
      }
    }
    return count;
  }

  private Map<String, String> key(ResultSet rs) throws SQLException {
    Map<String, String> key = new LinkedHashMap<>();
    for (int i = 0; i < table.primaryKey().size(); i++) {
      key.put(table.primaryKey().get(i), rs.getString(i + 1));
    }
    return key;
  }

  private String keyColumns(String alias) {
    return Sql.columns(table.primaryKey(), alias);
  }

  private long count(String sql) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
