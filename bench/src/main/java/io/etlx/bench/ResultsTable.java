package io.etlx.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown table of a run, one line per measured process, ready to paste into {@code
 * bench/RESULTS.md}. Ratios are to the same run's numbers: a first load to the baseline's first
 * load, a rerun to the baseline's rerun (and to etlx's own first load). A blank cell has no
 * meaningful value (a baseline has no stages; a no-op rerun has no rows per second).
 */
final class ResultsTable {
  private static final String HEADER =
      "| rows | warehouse | scenario | seconds | rows/s | × baseline | × etlx first load"
          + " | start+exit s | extract s | transform s | load s | between stages s"
          + " | load × baseline | peak RSS MB | RSS × baseline |\n"
          + "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

  private static final long COLUMNS =
      HEADER.lines().findFirst().orElseThrow().chars().filter(ch -> ch == '|').count() - 1;

  private final StringBuilder out = new StringBuilder(HEADER);

  void add(Comparison c) {
    Comparison.Baseline bFirst = c.baselineFirst();
    Comparison.Baseline bRerun = c.baselineRerun();
    baseline(c, "baseline: " + c.warehouse().baselineFirst + ", first load", bFirst);
    baseline(c, "baseline: " + c.warehouse().baselineRerun + ", 10% changed rerun", bRerun);
    etlx(c, "etlx CLI: first load", c.first(), bFirst, false);
    etlx(c, "etlx CLI: no-op rerun", c.noop(), null, true);
    etlx(c, "etlx CLI: 10% changed rerun (--re-extract)", c.changed(), bRerun, true);
  }

  String markdown() {
    return out.toString();
  }

  private void baseline(Comparison c, String scenario, Comparison.Baseline b) {
    line(
        c,
        scenario,
        seconds(b.seconds()),
        perSecond(c.rows(), b.seconds()),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        megabytes(b.process().peakRssKb()),
        "");
  }

  /**
   * @param baseline the baseline it is compared with, or null (a no-op rerun has none)
   * @param rerun whether to compare with etlx's own first load
   */
  private void etlx(
      Comparison c, String scenario, EtlxCli.Run run, Comparison.Baseline baseline, boolean rerun) {
    double wall = run.process().seconds();
    double load = run.seconds("load");
    line(
        c,
        scenario,
        seconds(wall),
        baseline == null ? "" : perSecond(c.rows(), wall),
        baseline == null ? "" : ratio(wall, baseline.seconds()),
        rerun ? ratio(wall, c.first().process().seconds()) : "",
        seconds(run.outsideRun()),
        seconds(run.seconds("extract")),
        seconds(run.seconds("transform")),
        seconds(load),
        seconds(run.betweenStages()),
        baseline == null ? "" : ratio(load, baseline.seconds()),
        megabytes(run.process().peakRssKb()),
        baseline == null ? "" : ratio(run.process().peakRssKb(), baseline.process().peakRssKb()));
  }

  private void line(Comparison c, String scenario, String... cells) {
    List<String> all = new ArrayList<>();
    all.add(String.format(Locale.ROOT, "%,d", c.rows()));
    all.add(c.warehouse().label);
    all.add(scenario);
    all.addAll(List.of(cells));
    if (all.size() != COLUMNS) {
      throw new IllegalStateException(all.size() + " cells for " + COLUMNS + " columns: " + all);
    }
    out.append("| ").append(String.join(" | ", all)).append(" |\n");
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f", s);
  }

  private static String perSecond(long rows, double seconds) {
    return String.format(Locale.ROOT, "%,.0f", rows / seconds);
  }

  private static String ratio(double value, double base) {
    return value < 0 || base <= 0 ? "" : String.format(Locale.ROOT, "%.2f×", value / base);
  }

  private static String megabytes(long kb) {
    return kb < 0 ? "" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
  }
}
