package io.etlx.warehouse.duckdb;

import io.etlx.jdbc.BoundSql;
import io.etlx.jdbc.CatalogColumn;
import io.etlx.jdbc.SqlDialect;
import io.etlx.spi.ColumnType;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WarehouseCapabilities;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** A dialect that says what another one says; tests override one piece to make it fail. */
class DelegatingDialect implements SqlDialect {
  private final SqlDialect delegate;

  DelegatingDialect(SqlDialect delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public WarehouseCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public String type(ColumnType type) {
    return delegate.type(type);
  }

  @Override
  public ColumnType parse(CatalogColumn column) {
    return delegate.parse(column);
  }

  @Override
  public String alterType(String table, String column, ColumnType to) {
    return delegate.alterType(table, column, to);
  }

  @Override
  public List<String> createStaging(TableSpec table, String staging) {
    return delegate.createStaging(table, staging);
  }

  @Override
  public String regexMatches(String column) {
    return delegate.regexMatches(column);
  }

  @Override
  public String rowJson(List<String> columns, String alias) {
    return delegate.rowJson(columns, alias);
  }

  @Override
  public List<BoundSql> merge(TableSpec table, String staging, LocalDate date) {
    return delegate.merge(table, staging, date);
  }

  @Override
  public void beginReadOnly(Connection c, String sql) throws SQLException {
    delegate.beginReadOnly(c, sql);
  }

  @Override
  public boolean refusedAsReadOnly(SQLException e) {
    return delegate.refusedAsReadOnly(e);
  }
}
