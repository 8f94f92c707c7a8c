package io.etlx.cli;

/**
 * The retry scenarios on real servers: PostgreSQL 17 (from Maven artifacts) as warehouse and shared
 * state store, and S3 (s3proxy) on loopback as raw store.
 */
class PostgresS3RetryScenariosTest extends RetryScenarios {
  @Override
  Backend backend() {
    return Backend.postgresAndS3();
  }
}
