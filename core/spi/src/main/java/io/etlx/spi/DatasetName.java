package io.etlx.spi;

/**
 * A data set as lineage (OpenLineage) names it: {@code namespace} says where it lives, as {@code
 * scheme://authority} (e.g. {@code postgres://db.example.com:5432}), and {@code name} what it is
 * there (e.g. {@code analytics.raw.orders}). Together they identify the data set across every tool
 * that reports lineage, so they follow OpenLineage's naming where it has one. Never holds a user, a
 * password or any other secret.
 */
public record DatasetName(String namespace, String name) {}
