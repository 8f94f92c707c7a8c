package io.etlx.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * Logging set up in code rather than from XML: parsing a logback.xml loads ~500 classes, half of
 * the CLI's start-up. Logs go to stderr, so stdout stays clean for command output ({@code --format
 * json}).
 *
 * <ul>
 *   <li>{@code ETLX_LOG_LEVEL} (or {@code -Detlx.log.level}): etlx's own level, default INFO.
 *   <li>{@code ETLX_LOG_FORMAT} (or {@code -Detlx.log.format}): {@code text} (default) or {@code
 *       json}, one object per line with the run's fields (see {@link JsonLogEncoder}).
 *   <li>{@code -Dlogback.configurationFile=FILE}: a standard logback configuration replaces all of
 *       this (its encoders see the same fields in the MDC).
 * </ul>
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** Time with date and offset, so lines from hosts in different zones sort and compare. */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY; // logback's own configurator reads that file
    }
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder(context, setting("etlx.log.format", "ETLX_LOG_FORMAT", "text")));
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    String level = setting("etlx.log.level", "ETLX_LOG_LEVEL", "INFO");
    context.getLogger("io.etlx").setLevel(Level.toLevel(level, Level.INFO));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if (format.toLowerCase(Locale.ROOT).equals("json")) {
      JsonLogEncoder json = new JsonLogEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    if (!format.equalsIgnoreCase("text")) {
      System.err.println(
          "etlx: ETLX_LOG_FORMAT=" + format + " is neither text nor json; logging as text");
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  private static String setting(String property, String variable, String fallback) {
    return System.getProperty(property, System.getenv().getOrDefault(variable, fallback));
  }
}
