package io.etlx.interpolate;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.Templates;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Resolves {@code ${…}} references for one run. Built on Commons Text's {@link StringSubstitutor}
 * with etlx's own lookup only — never the default interpolator, whose {@code date:} lookup formats
 * the current time (the wall-clock bug etlx exists to prevent).
 */
public final class Interpolator implements Templates {
  private final LocalDate logicalDate;
  private final Map<String, String> overlayVars;
  private final Map<String, String> processEnv;

  public Interpolator(
      LocalDate logicalDate, Map<String, String> overlayVars, Map<String, String> processEnv) {
    this.logicalDate = logicalDate;
    this.overlayVars = Map.copyOf(overlayVars);
    this.processEnv = processEnv;
  }

  /**
   * An interpolator for settings that belong to no run (environment plug-ins): {@code ${date}}
   * fails.
   */
  public static Interpolator withoutDate(
      Map<String, String> overlayVars, Map<String, String> processEnv) {
    return new Interpolator(null, overlayVars, processEnv);
  }

  /** The same variables for another logical date. */
  public Interpolator forDate(LocalDate date) {
    return new Interpolator(date, overlayVars, processEnv);
  }

  /** The value with every reference resolved. Fails listing every missing variable at once. */
  @Override
  public String resolve(String template) {
    return substitutor(false).replace(checked(template));
  }

  /**
   * The value with the date and overlay variables resolved but process variables left as {@code
   * ${NAME}}: what may be written to logs, manifests and errors, since secrets only come from
   * there.
   */
  @Override
  public String redact(String template) {
    return substitutor(true).replace(checked(template));
  }

  /** The process variables {@code template} needs that are not set and have no default. */
  public List<String> missing(String template) {
    TreeSet<String> missing = new TreeSet<>();
    for (Reference reference : TemplateScanner.scan(template, (code, error) -> {})) {
      if (reference instanceof Reference.ProcessVar var
          && var.required()
          && processEnv.get(var.name()) == null) {
        missing.add(var.name());
      }
      if (reference instanceof Reference.OverlayVar var && !overlayVars.containsKey(var.name())) {
        missing.add("env." + var.name());
      }
    }
    return new ArrayList<>(missing);
  }

  private String checked(String template) {
    List<String> errors = new ArrayList<>();
    TemplateScanner.scan(template, (code, error) -> errors.add(error));
    if (!errors.isEmpty()) {
      throw new EtlxException(ErrorCode.BAD_REFERENCE, String.join("; ", errors));
    }
    List<String> missing = missing(template);
    if (!missing.isEmpty()) {
      throw new EtlxException(
          ErrorCode.MISSING_ENV_VAR,
          "missing variable(s) " + String.join(", ", missing) + ": set them before running");
    }
    return template;
  }

  private StringSubstitutor substitutor(boolean redactProcessVars) {
    StringLookup lookup = key -> lookup(key, redactProcessVars);
    StringSubstitutor substitutor = new StringSubstitutor(lookup);
    substitutor.setDisableSubstitutionInValues(true);
    substitutor.setEnableSubstitutionInVariables(false);
    substitutor.setEscapeChar('$');
    return substitutor;
  }

  private String lookup(String key, boolean redactProcessVars) {
    if ((key.equals("date") || key.startsWith("date:")) && logicalDate == null) {
      throw new EtlxException(
          ErrorCode.BAD_REFERENCE,
          "${" + key + "} cannot be used here: environment settings have no logical date");
    }
    if (key.equals("date")) {
      return logicalDate.toString();
    }
    if (key.startsWith("date:")) {
      return DateTimeFormatter.ofPattern(key.substring(5)).format(logicalDate);
    }
    if (key.startsWith("env.")) {
      return overlayVars.get(key.substring(4));
    }
    if (redactProcessVars) {
      return processEnv.get(key) == null ? null : "${" + key + "}";
    }
    return processEnv.get(key);
  }
}
