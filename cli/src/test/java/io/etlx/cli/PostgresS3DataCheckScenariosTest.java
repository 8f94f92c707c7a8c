package io.etlx.cli;

/**
 * The data check scenarios on real servers: PostgreSQL 17 as warehouse and shared state store, S3
 * on loopback as raw store.
 */
class PostgresS3DataCheckScenariosTest extends DataCheckScenarios {
  @Override
  Backend backend() {
    return Backend.postgresAndS3();
  }
}
