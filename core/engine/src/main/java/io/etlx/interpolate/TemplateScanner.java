package io.etlx.interpolate;

import io.etlx.error.ErrorCode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Finds the {@code ${…}} references in a string without resolving them, so that {@code validate} can
 * check them without a logical date and without secrets. {@code $${} is a literal {@code ${}.
 */
public final class TemplateScanner {
  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Process variables are upper case by convention; {@code ${today}} is a mistake, not a variable.
   */
  private static final Pattern PROCESS_VAR_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private static final String HELP =
      "use ${date}, ${date:PATTERN}, ${env.NAME} or ${ENV_VAR} / ${ENV_VAR:-default}";

  private TemplateScanner() {}

  /** The references in {@code text}; each malformed one is reported to {@code errors}. */
  public static List<Reference> scan(String text, BiConsumer<ErrorCode, String> errors) {
    List<Reference> references = new ArrayList<>();
    int i = 0;
    while ((i = text.indexOf("${", i)) >= 0) {
      if (i > 0 && text.charAt(i - 1) == '$') {
        i += 2;
        continue;
      }
      int end = text.indexOf('}', i + 2);
      if (end < 0) {
        errors.accept(
            ErrorCode.BAD_REFERENCE,
            "unterminated reference '" + text.substring(i) + "': close it with '}'");
        return references;
      }
      Reference reference = parse(text.substring(i, end + 1), text.substring(i + 2, end), errors);
      if (reference != null) {
        references.add(reference);
      }
      i = end + 1;
    }
    return references;
  }

  private static Reference parse(
      String written, String body, BiConsumer<ErrorCode, String> errors) {
    if (body.equals("date")) {
      return new Reference.LogicalDate(written, null);
    }
    if (body.startsWith("date:")) {
      return datePattern(written, body.substring(5), errors);
    }
    if (body.startsWith("env.")) {
      String name = body.substring(4);
      if (VAR_NAME.matcher(name).matches()) {
        return new Reference.OverlayVar(written, name);
      }
      errors.accept(
          ErrorCode.BAD_REFERENCE,
          "bad reference '" + written + "': '" + name + "' is not a variable name");
      return null;
    }
    int dash = body.indexOf(":-");
    String name = dash < 0 ? body : body.substring(0, dash);
    if (PROCESS_VAR_NAME.matcher(name).matches()) {
      return new Reference.ProcessVar(written, name, dash < 0 ? null : body.substring(dash + 2));
    }
    errors.accept(ErrorCode.BAD_REFERENCE, "unknown reference '" + written + "': " + HELP);
    return null;
  }

  private static Reference datePattern(
      String written, String pattern, BiConsumer<ErrorCode, String> errors) {
    try {
      DateTimeFormatter.ofPattern(pattern);
      return new Reference.LogicalDate(written, pattern);
    } catch (IllegalArgumentException e) {
      errors.accept(
          ErrorCode.BAD_DATE_PATTERN,
          "bad date pattern in '"
              + written
              + "': "
              + e.getMessage()
              + " (see java.time.format.DateTimeFormatter, e.g. ${date:yyyyMMdd})");
      return null;
    }
  }
}
