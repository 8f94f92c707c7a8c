package io.etlx.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.CheckResult;
import io.etlx.spi.DataCheck;
import io.etlx.spi.Notification;
import io.etlx.spi.NotifierPlugin;
import io.etlx.spi.NotifyEvent;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.PluginRegistry;
import io.etlx.spi.RunInfo;
import io.etlx.validate.SchemaCheck;
import io.etlx.validate.SecretOptions;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmailNotifierTest {
  private static final LocalDate DATE = LocalDate.of(2020, 12, 1);
  private static final String SECRET = "s3cr3t";
  private static final RunInfo RUN =
      new RunInfo(
          "run-1", 1, Instant.parse("2020-12-02T06:00:00Z"), Instant.parse("2020-12-02T06:00:05Z"));
  private static final Notification SUCCEEDED =
      Notification.success("orders", "prod", DATE, 42, RUN);
  private static final Notification FAILED =
      new Notification(
          "orders",
          "prod",
          DATE,
          NotifyEvent.FAILURE,
          "load",
          "warehouse unreachable: connection refused",
          ErrorCode.WAREHOUSE_UNAVAILABLE,
          0,
          false,
          List.of(),
          RUN);

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("etlx@example.com", "etlx", SECRET));

  @TempDir Path dir;

  private final NotifierPlugin plugin =
      PluginRegistry.load().get(PluginKind.NOTIFIER, "email", NotifierPlugin.class);

  @Test
  void aSuccessWithWarningsListsTheChecksThatFailed() throws Exception {
    Notification warned =
        new Notification(
            "orders",
            "prod",
            DATE,
            NotifyEvent.SUCCESS,
            null,
            null,
            null,
            40,
            false,
            List.of(
                new CheckResult(
                    "max",
                    "amount",
                    DataCheck.Severity.WARN,
                    false,
                    2,
                    List.of("(id=7, amount=5000.00)"),
                    "amount is above 1000.00")),
            RUN);

    plugin.open(spec("to: [a@example.com]\n"), context(SECRET)).send(warned);

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject())
        .isEqualTo("etlx: orders 2020-12-01 (prod) succeeded with 1 warning(s)");
    assertThat(GreenMailUtil.getBody(mail))
        .contains(
            "Data checks that failed without stopping the load:",
            "- warn: amount is above 1000.00 (max): 2 row(s), e.g. (id=7, amount=5000.00)");
  }

  @Test
  void successMailReachesEveryListedRecipient() throws Exception {
    PluginOptions spec = spec("to: [a@example.com, b@example.com]\nsubject_prefix: '[prod]'\n");
    assertThat(plugin.check(spec)).isEmpty();

    plugin.open(spec, context(SECRET)).send(SUCCEEDED);

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("[prod] etlx: orders 2020-12-01 (prod) succeeded");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("etlx@localhost");
    assertThat(mail.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("a@example.com", "b@example.com");
    assertThat(mail.getContentType()).startsWith("text/plain");
    // the SMTP transport drops the final line break
    assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n"))
        .isEqualTo(
            """
            etlx: orders 2020-12-01 (prod) succeeded

            Pipeline:     orders
            Environment:  prod
            Logical date: 2020-12-01
            Outcome:      success
            Rows loaded:  42
            Run id:       run-1
            Attempt:      1
            Started:      2020-12-02T06:00:00Z
            Duration:     5000 ms

            Rerun: etlx run orders --date 2020-12-01 --env prod
            A rerun is always safe: stages that already succeeded are skipped.\
            """);
  }

  @Test
  void recipientFromTheEnvironmentOverlay() throws Exception {
    PluginOptions spec = spec("to: ${env.alerts}\nfrom: etlx@example.com\n");
    assertThat(plugin.check(spec)).isEmpty();

    plugin.open(spec, context(SECRET)).send(SUCCEEDED);

    assertThat(SMTP.getReceivedMessages())
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.getAllRecipients())
                  .extracting(Object::toString)
                  .containsExactly("ops@example.com");
              assertThat(mail.getFrom())
                  .extracting(Object::toString)
                  .containsExactly("etlx@example.com");
            });
  }

  @Test
  void failureMailCarriesTheErrorAndTheRerunLine() throws Exception {
    plugin.open(spec("to: ${env.alerts}\n"), context(SECRET)).send(FAILED);

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("etlx: orders 2020-12-01 (prod) FAILED at load");
    assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n"))
        .contains(
            "Outcome:      failure\n"
                + "Failed stage: load\n"
                + "Error:        warehouse unreachable: connection refused\n")
        .contains("Rerun: etlx run orders --date 2020-12-01 --env prod\n");
  }

  @Test
  void logsInWithThePasswordFromTheProcessEnvironment() throws Exception {
    PluginOptions spec = spec("to: ops@example.com\nusername: etlx\npassword: ${SMTP_PASSWORD}\n");
    assertThat(plugin.check(spec)).isEmpty();

    plugin.open(spec, context(SECRET)).send(SUCCEEDED);

    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aRefusedLoginNeverShowsThePassword() {
    String wrong = "wr0ng-Passw0rd";
    PluginOptions spec = spec("to: ops@example.com\nusername: etlx\npassword: ${SMTP_PASSWORD}\n");

    assertThatThrownBy(() -> plugin.open(spec, context(wrong)).send(SUCCEEDED))
        .isInstanceOfSatisfying(
            EtlxException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOTIFY_FAILED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "email to ops@example.com via smtp 127.0.0.1:"
                          + port()
                          + " failed: AuthenticationFailedException: 535 5.7.8 Authentication"
                          + " credentials invalid (check username and password); the load is done,"
                          + " a rerun only retries the notification");
              assertThat(everythingPrinted(e)).doesNotContain(wrong);
            });
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void starttlsNeverFallsBackToPlainText() {
    PluginOptions spec =
        spec("to: ops@example.com\nusername: etlx\npassword: ${SMTP_PASSWORD}\nstarttls: true\n");

    assertThatThrownBy(() -> plugin.open(spec, context(SECRET)).send(SUCCEEDED))
        .isInstanceOfSatisfying(
            EtlxException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOTIFY_FAILED);
              assertThat(e.getMessage())
                  .contains("STARTTLS is required but host does not support STARTTLS");
              assertThat(everythingPrinted(e)).doesNotContain(SECRET);
            });
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void aServerThatIsDownIsARetryableNotifyFailure() throws Exception {
    int closed = closedPort();
    PluginOptions spec =
        spec(
            "to: ${env.alerts}\nsmtp_host: 127.0.0.1\nsmtp_port: "
                + closed
                + "\ntimeout_seconds: 2\n");

    assertThatThrownBy(() -> plugin.open(spec, context(SECRET)).send(FAILED))
        .isInstanceOfSatisfying(
            EtlxException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOTIFY_FAILED);
              assertThat(e.code().retryable()).isTrue();
              assertThat(e.getMessage())
                  .isEqualTo(
                      "email to ops@example.com via smtp 127.0.0.1:"
                          + closed
                          + " failed: MailConnectException: Couldn't connect to host, port:"
                          + " 127.0.0.1, "
                          + closed
                          + "; timeout 2000 (ConnectException: Connection refused); the load is"
                          + " done, a rerun only retries the notification");
              assertThat(e.getCause()).isNotNull();
            });
  }

  @Test
  void aHostFromTheProcessEnvironmentIsShownAsItsReference() throws Exception {
    int closed = closedPort();
    String host = "127.0.0.1";
    PluginOptions spec =
        spec("to: ops@example.com\nsmtp_host: ${SMTP_HOST}\nsmtp_port: " + closed + "\n");
    Interpolator interpolator = new Interpolator(DATE, Map.of(), Map.of("SMTP_HOST", host));

    assertThatThrownBy(() -> plugin.open(spec, PluginSetup.of(dir, interpolator)).send(FAILED))
        .isInstanceOfSatisfying(
            EtlxException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.NOTIFY_FAILED);
              assertThat(e.getMessage())
                  .startsWith(
                      "email to ops@example.com via smtp ${SMTP_HOST}:"
                          + closed
                          + " failed: MailConnectException: Couldn't connect to host, port:"
                          + " ${SMTP_HOST}, "
                          + closed
                          + ";");
              // the library's own exception repeats the host, so it is not kept as the cause
              assertThat(everythingPrinted(e)).doesNotContain(host);
            });
  }

  @Test
  void aBadAddressIsAnInvalidValueNamingTheOption() {
    Interpolator interpolator =
        new Interpolator(DATE, Map.of("alerts", "ops@@example.com"), Map.of());
    PluginOptions spec = spec("to: [a@example.com, '${env.alerts}']\n");

    assertThatThrownBy(() -> plugin.open(spec, PluginSetup.of(dir, interpolator)).send(FAILED))
        .isInstanceOfSatisfying(
            EtlxException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "to 'ops@@example.com' is not a valid email address"
                          + " (Domain contains illegal character); write e.g. to: ops@example.com");
            });
    assertThat(plugin.check(spec("to: ops@example.com\nfrom: etlx\n")))
        .containsExactly(
            "from 'etlx' is not a valid email address (missing @domain); write e.g. from:"
                + " ops@example.com");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void aPasswordWrittenInTheFileIsRefused() {
    YamlMap literal =
        (YamlMap)
            YamlReader.parse(
                "to: ops@example.com\nusername: etlx\npassword: hunter2\n", "env.yaml");
    assertThat(SecretOptions.check(plugin, literal))
        .containsExactly(
            "password must come from the environment, e.g. password: ${SMTP_PASSWORD};"
                + " never write a secret in a file");
    assertThat(plugin.check(spec("to: ops@example.com\npassword: ${SMTP_PASSWORD}\n")))
        .containsExactly(
            "password needs a username for SMTP AUTH; or remove password to send without logging"
                + " in");
  }

  @Test
  void optionMistakesAreNamedByTheSchema() {
    YamlMap typo = (YamlMap) YamlReader.parse("to: ops@example.com\nsmtp_hots: mail\n", "env.yaml");
    assertThat(SchemaCheck.resource(EmailNotifierPlugin.class, plugin.optionsSchema()).check(typo))
        .extracting(p -> p.render())
        .contains("env.yaml:2:1: smtp_hots: unknown key 'smtp_hots' (did you mean 'smtp_host'?)");
    YamlMap noRecipient = (YamlMap) YamlReader.parse("from: etlx@example.com\n", "env.yaml");
    assertThat(
            SchemaCheck.resource(EmailNotifierPlugin.class, plugin.optionsSchema())
                .check(noRecipient))
        .isNotEmpty();
  }

  /** Options pointing at the test server unless the YAML says otherwise. */
  private static PluginOptions spec(String yaml) {
    String server =
        (yaml.contains("smtp_host:") ? "" : "smtp_host: 127.0.0.1\n")
            + (yaml.contains("smtp_port:") ? "" : "smtp_port: " + port() + "\n");
    YamlMap options = (YamlMap) YamlReader.parse(yaml + server, "env.yaml");
    assertThat(
            SchemaCheck.resource(
                    EmailNotifierPlugin.class, "/io/etlx/notify/email/options.schema.json")
                .check(options))
        .isEmpty();
    return new PluginSpec("email", options).plain();
  }

  private PluginContext context(String password) {
    return PluginSetup.of(
        dir,
        new Interpolator(
            DATE, Map.of("alerts", "ops@example.com"), Map.of("SMTP_PASSWORD", password)));
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int port() {
    return SMTP.getSmtp().getPort();
  }

  /** Message, causes and stack trace, as {@code --verbose} would print them. */
  private static String everythingPrinted(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString() + Arrays.toString(e.getStackTrace());
  }
}
