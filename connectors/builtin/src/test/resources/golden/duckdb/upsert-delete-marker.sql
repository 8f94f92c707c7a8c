-- DDL for a new table
CREATE SCHEMA IF NOT EXISTS "raw";
CREATE TABLE IF NOT EXISTS "raw"."_etlx_loads" (table_name VARCHAR(255) NOT NULL, pipeline VARCHAR(255) NOT NULL, environment VARCHAR(255) NOT NULL, logical_date DATE NOT NULL, raw_checksum VARCHAR(64) NOT NULL, spec_fingerprint VARCHAR(64) NOT NULL, row_count BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL, load_id VARCHAR(64), rows_checksum VARCHAR(64), source_state VARCHAR(65535));
CREATE TABLE IF NOT EXISTS "raw"."_etlx_tables" (table_name VARCHAR(255) NOT NULL, schema_version INTEGER NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS "raw"."_etlx_rejects" (table_name VARCHAR(255) NOT NULL, pipeline VARCHAR(255) NOT NULL, logical_date DATE NOT NULL, load_id VARCHAR(64) NOT NULL, check_name VARCHAR(255) NOT NULL, column_name VARCHAR(255) NOT NULL, reason VARCHAR(65535) NOT NULL, row_data VARCHAR(65535) NOT NULL, rejected_at TIMESTAMP NOT NULL);
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
INSERT INTO _etlx_staging SELECT * FROM read_csv('/tmp/etlx/rows.csv.zst', header = true, auto_detect = false, columns = {'date': 'DATE', 'currency_code': 'VARCHAR', 'exchange_rate': 'DECIMAL(18,6)', 'base_currency_code': 'VARCHAR', 'deleted': 'BOOLEAN'}, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, compression = 'zstd');

-- data checks (in the transaction, before the merge)
-- not_null on exchange_rate (error)
SELECT "date", "currency_code", "exchange_rate", count(*) OVER () FROM _etlx_staging WHERE "exchange_rate" IS NULL ORDER BY "date", "currency_code", "exchange_rate" LIMIT 5;
-- min on exchange_rate (quarantine)
SELECT "date", "currency_code", "exchange_rate", count(*) OVER () FROM _etlx_staging WHERE "exchange_rate" < CAST(? AS DECIMAL(18,6)) ORDER BY "date", "currency_code", "exchange_rate" LIMIT 5
--   bound: [0.000000];
-- max on exchange_rate (warn)
SELECT "date", "currency_code", "exchange_rate", count(*) OVER () FROM _etlx_staging WHERE "exchange_rate" > CAST(? AS DECIMAL(18,6)) ORDER BY "date", "currency_code", "exchange_rate" LIMIT 5
--   bound: [1000000.000000];
-- min on date (error)
SELECT "date", "currency_code", count(*) OVER () FROM _etlx_staging WHERE "date" < CAST(? AS DATE) ORDER BY "date", "currency_code" LIMIT 5
--   bound: [2000-01-01];
-- pattern on currency_code (quarantine)
SELECT "date", "currency_code", count(*) OVER () FROM _etlx_staging WHERE "currency_code" IS NOT NULL AND NOT (regexp_matches("currency_code", ?)) ORDER BY "date", "currency_code" LIMIT 5
--   bound: [^[A-Z]{3}$];
-- accepted_values on base_currency_code (warn)
SELECT "date", "currency_code", "base_currency_code", count(*) OVER () FROM _etlx_staging WHERE "base_currency_code" IS NOT NULL AND "base_currency_code" NOT IN (?, ?) ORDER BY "date", "currency_code", "base_currency_code" LIMIT 5
--   bound: [USD, EUR];
-- unique on exchange_rate (warn)
SELECT "date", "currency_code", "exchange_rate", count(*) OVER () FROM _etlx_staging WHERE "exchange_rate" IN (SELECT "exchange_rate" FROM _etlx_staging GROUP BY "exchange_rate" HAVING count(*) > 1) ORDER BY "date", "currency_code", "exchange_rate" LIMIT 5;
-- row_count_change: the row count of the previous date
SELECT logical_date, row_count FROM "raw"."_etlx_loads" WHERE table_name = ? AND pipeline = ? AND logical_date < ? ORDER BY logical_date DESC, committed_at DESC LIMIT 1
--   bound: [historical_exchange_rates, exchange_rates, 2020-12-01];

-- quarantine: the earlier rejects of the date, then the rows set aside
DELETE FROM "raw"."_etlx_rejects" WHERE table_name = ? AND pipeline = ? AND logical_date = ?
--   bound: [historical_exchange_rates, exchange_rates, 2020-12-01];
INSERT INTO "raw"."_etlx_rejects" (table_name, pipeline, logical_date, load_id, check_name, column_name, reason, row_data, rejected_at) SELECT ?, ?, ?, ?, ?, ?, ?, CAST(json_object('date', CAST(s."date" AS VARCHAR), 'currency_code', CAST(s."currency_code" AS VARCHAR), 'exchange_rate', CAST(s."exchange_rate" AS VARCHAR), 'base_currency_code', CAST(s."base_currency_code" AS VARCHAR), 'deleted', CAST(s."deleted" AS VARCHAR)) AS VARCHAR), ? FROM _etlx_staging s WHERE "exchange_rate" < CAST(? AS DECIMAL(18,6))
--   bound: [historical_exchange_rates, exchange_rates, 2020-12-01, load-1, min, exchange_rate, exchange_rate is below 0.000000, 1970-01-01 00:00:00.0, 0.000000];
INSERT INTO "raw"."_etlx_rejects" (table_name, pipeline, logical_date, load_id, check_name, column_name, reason, row_data, rejected_at) SELECT ?, ?, ?, ?, ?, ?, ?, CAST(json_object('date', CAST(s."date" AS VARCHAR), 'currency_code', CAST(s."currency_code" AS VARCHAR), 'exchange_rate', CAST(s."exchange_rate" AS VARCHAR), 'base_currency_code', CAST(s."base_currency_code" AS VARCHAR), 'deleted', CAST(s."deleted" AS VARCHAR)) AS VARCHAR), ? FROM _etlx_staging s WHERE "currency_code" IS NOT NULL AND NOT (regexp_matches("currency_code", ?))
--   bound: [historical_exchange_rates, exchange_rates, 2020-12-01, load-1, pattern, currency_code, currency_code does not match ^[A-Z]{3}$, 1970-01-01 00:00:00.0, ^[A-Z]{3}$];
DELETE FROM _etlx_staging WHERE ("exchange_rate" < CAST(? AS DECIMAL(18,6))) OR ("currency_code" IS NOT NULL AND NOT (regexp_matches("currency_code", ?)))
--   bound: [0.000000, ^[A-Z]{3}$];

-- merge (in the transaction)
DELETE FROM "raw"."historical_exchange_rates" USING _etlx_staging WHERE "raw"."historical_exchange_rates"."date" = _etlx_staging."date" AND "raw"."historical_exchange_rates"."currency_code" = _etlx_staging."currency_code" AND _etlx_staging."deleted" IS TRUE;
INSERT INTO "raw"."historical_exchange_rates" ("date", "currency_code", "exchange_rate", "base_currency_code", "deleted") SELECT "date", "currency_code", "exchange_rate", "base_currency_code", "deleted" FROM _etlx_staging WHERE "deleted" IS NOT TRUE ON CONFLICT ("date", "currency_code") DO UPDATE SET "exchange_rate" = excluded."exchange_rate", "base_currency_code" = excluded."base_currency_code", "deleted" = excluded."deleted";

-- ledger (in the transaction)
DELETE FROM "raw"."_etlx_loads" WHERE table_name = ? AND pipeline = ? AND logical_date = ?;
INSERT INTO "raw"."_etlx_loads" (table_name, pipeline, environment, logical_date, raw_checksum, spec_fingerprint, row_count, committed_at, load_id, rows_checksum, source_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- rebuild: the swap, after the rebuilt table got the old one's grants (a rebuild's own transaction)
DROP TABLE IF EXISTS "raw"."historical_exchange_rates";
ALTER TABLE "raw"."historical_exchange_rates__etlx_rebuild" RENAME TO "historical_exchange_rates";

-- a SQL model's read: its default schema, in the read's own transaction (none: set on the read-only connection)

