package io.etlx.jdbc;

/** A column as the warehouse's information_schema describes it; precision and scale may be null. */
public record CatalogColumn(String name, String dataType, Integer precision, Integer scale) {}
