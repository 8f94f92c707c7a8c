-- DDL for a new table
CREATE SCHEMA IF NOT EXISTS "raw";
CREATE TABLE IF NOT EXISTS "raw"."_etlx_loads" (table_name VARCHAR(255) NOT NULL, pipeline VARCHAR(255) NOT NULL, environment VARCHAR(255) NOT NULL, logical_date DATE NOT NULL, raw_checksum VARCHAR(64) NOT NULL, spec_fingerprint VARCHAR(64) NOT NULL, row_count BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL, load_id VARCHAR(64), rows_checksum VARCHAR(64), source_state VARCHAR(65535));
CREATE TABLE IF NOT EXISTS "raw"."_etlx_tables" (table_name VARCHAR(255) NOT NULL, schema_version INTEGER NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS "raw"."historical_exchange_rates" ("date" DATE NOT NULL, "currency_code" VARCHAR NOT NULL, "exchange_rate" DECIMAL(18,6), "base_currency_code" VARCHAR, "deleted" BOOLEAN, PRIMARY KEY ("date", "currency_code"));
DELETE FROM "raw"."_etlx_loads" WHERE table_name = ?;
DELETE FROM "raw"."_etlx_tables" WHERE table_name = ?;
INSERT INTO "raw"."_etlx_tables" (table_name, schema_version, updated_at) VALUES (?, ?, ?);

-- DDL for a version-1 table (exchange_rate_usd, no base_currency_code) under this version-2 spec
ALTER TABLE "raw"."historical_exchange_rates" RENAME COLUMN "exchange_rate_usd" TO "exchange_rate";
ALTER TABLE "raw"."historical_exchange_rates" ADD COLUMN "base_currency_code" VARCHAR;
UPDATE "raw"."historical_exchange_rates" SET "base_currency_code" = CAST(? AS VARCHAR) WHERE "base_currency_code" IS NULL
--   bound: [USD];
ALTER TABLE "raw"."historical_exchange_rates" ALTER COLUMN "exchange_rate" TYPE DECIMAL(18,6);
DELETE FROM "raw"."_etlx_tables" WHERE table_name = ?
--   bound: [historical_exchange_rates];
INSERT INTO "raw"."_etlx_tables" (table_name, schema_version, updated_at) VALUES (?, ?, ?)
--   bound: [historical_exchange_rates, 2];

-- DDL when exchange_rate exists as a narrower DECIMAL(12,2)
ALTER TABLE "raw"."historical_exchange_rates" ALTER COLUMN "exchange_rate" TYPE DECIMAL(18,6);

-- staging (before the transaction)
DROP TABLE IF EXISTS _etlx_staging;
CREATE TEMPORARY TABLE _etlx_staging ("date" DATE, "currency_code" VARCHAR, "exchange_rate" DECIMAL(18,6), "base_currency_code" VARCHAR, "deleted" BOOLEAN);

-- bulk load into staging (in the transaction)
INSERT INTO _etlx_staging SELECT * FROM read_csv('/tmp/etlx/rows.csv.gz', header = true, auto_detect = false, columns = {'date': 'DATE', 'currency_code': 'VARCHAR', 'exchange_rate': 'DECIMAL(18,6)', 'base_currency_code': 'VARCHAR', 'deleted': 'BOOLEAN'}, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, compression = 'gzip', timestampformat = '%Y-%m-%d %H:%M:%S.%f');

-- merge (in the transaction)
DELETE FROM "raw"."historical_exchange_rates" USING _etlx_staging WHERE "raw"."historical_exchange_rates"."date" = _etlx_staging."date" AND "raw"."historical_exchange_rates"."currency_code" = _etlx_staging."currency_code" AND _etlx_staging."deleted" IS TRUE;
INSERT INTO "raw"."historical_exchange_rates" ("date", "currency_code", "exchange_rate", "base_currency_code", "deleted") SELECT "date", "currency_code", "exchange_rate", "base_currency_code", "deleted" FROM _etlx_staging WHERE "deleted" IS NOT TRUE ON CONFLICT ("date", "currency_code") DO UPDATE SET "exchange_rate" = excluded."exchange_rate", "base_currency_code" = excluded."base_currency_code", "deleted" = excluded."deleted";

-- ledger (in the transaction)
DELETE FROM "raw"."_etlx_loads" WHERE table_name = ? AND pipeline = ? AND logical_date = ?;
INSERT INTO "raw"."_etlx_loads" (table_name, pipeline, environment, logical_date, raw_checksum, spec_fingerprint, row_count, committed_at, load_id, rows_checksum, source_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- rebuild: the swap, after the rebuilt table got the old one's grants (a rebuild's own transaction)
DROP TABLE IF EXISTS "raw"."historical_exchange_rates";
ALTER TABLE "raw"."historical_exchange_rates__etlx_rebuild" RENAME TO "historical_exchange_rates";

