-- Daily gross revenue in USD: order items joined to that day's exchange rate (units per USD).
-- Run: ./etlx query --env dev pipelines/samples/revenue_usd.sql   (${schema} becomes the env's schema)
SELECT CAST(o.ordered_at AS DATE)                     AS day,
       count(*)                                       AS items,
       round(sum(o.amount / r.exchange_rate), 2)      AS revenue_usd
FROM ${schema}.order_items o
JOIN ${schema}.historical_exchange_rates r
  ON r.date = CAST(o.ordered_at AS DATE)
 AND r.currency_code = o.currency_code
GROUP BY 1
ORDER BY 1
