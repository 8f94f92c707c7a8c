package io.etlx.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generates the benchmark rows: order items of ~85 bytes (two bigints, a unicode text with quotes,
 * a 2-place decimal, a currency code, a timestamp), deterministic for a given seed.
 */
final class OrderItems {
  private static final String[] NAMES = {
    "Chai masala 500g",
    "Espresso beans \"Roma\" 1kg",
    "Smørrebrød kit",
    "Matcha whisk 抹茶",
    "Merino scarf, grey",
    "Café au lait bowl"
  };
  private static final String[] CURRENCIES = {"INR", "EUR", "GBP", "JPY", "CAD", "USD"};

  private OrderItems() {}

  /**
   * Writes {@code rows} rows; {@code changedEvery} > 0 changes every n-th amount (for rerun
   * measurements).
   */
  static void write(Path file, long rows, long seed, int changedEvery) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("order_item_id,order_id,item_name,amount,currency_code,ordered_at\n");
      for (long i = 1; i <= rows; i++) {
        String name = NAMES[random.nextInt(NAMES.length)];
        long cents =
            random.nextLong(100, 2_000_000) + (changedEvery > 0 && i % changedEvery == 0 ? 1 : 0);
        out.write(Long.toString(i));
        out.write(',');
        out.write(Long.toString(i / 3 + 1));
        out.write(",\"");
        out.write(name.replace("\"", "\"\""));
        out.write("\",");
        out.write(cents / 100 + "." + String.format("%02d", cents % 100));
        out.write(',');
        out.write(CURRENCIES[random.nextInt(CURRENCIES.length)]);
        out.write(",2020-12-01 ");
        out.write(
            String.format(
                "%02d:%02d:%02d\n", random.nextInt(24), random.nextInt(60), random.nextInt(60)));
      }
    }
  }
}
