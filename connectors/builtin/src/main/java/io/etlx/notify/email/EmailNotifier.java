package io.etlx.notify.email;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.Notification;
import io.etlx.spi.Notifier;
import io.etlx.spi.SecretMask;
import io.etlx.spi.Templates;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends the outcome as a plain-text mail over SMTP. Options are resolved per send; messages show
 * them redacted, and server or library texts are scrubbed of resolved secrets before they are
 * shown.
 */
final class EmailNotifier implements Notifier {
  private final EmailOptions options;
  private final Templates interpolator;

  EmailNotifier(EmailOptions options, Templates interpolator) {
    this.options = options;
    this.interpolator = interpolator;
  }

  @Override
  public void send(Notification notification) {
    List<InternetAddress> to =
        MailAddresses.parse("to", options.to(), interpolator::resolve, interpolator::redact);
    InternetAddress from =
        MailAddresses.parse(
                "from", List.of(options.from()), interpolator::resolve, interpolator::redact)
            .get(0);
    String host = interpolator.resolve(options.smtpHost());
    String where =
        "email to "
            + String.join(", ", options.to().stream().map(interpolator::redact).toList())
            + " via smtp "
            + interpolator.redact(options.smtpHost())
            + ":"
            + options.smtpPort();
    List<String> templates =
        new ArrayList<>(
            Arrays.asList(
                options.smtpHost(), options.username(), options.password(), options.from()));
    templates.addAll(
        options.to()); // addresses may come from the environment too; a server reply can echo them
    SecretMask secrets = new SecretMask(interpolator, templates);
    try {
      Session session = Session.getInstance(properties(host));
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
      message.setSubject(
          OutcomeMail.subject(options.subjectPrefix(), notification),
          StandardCharsets.UTF_8.name());
      message.setText(OutcomeMail.body(notification), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect(
            host, options.smtpPort(), resolved(options.username()), resolved(options.password()));
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw failure(where, e, secrets);
    }
  }

  private Properties properties(String host) {
    String millis = Long.toString(options.timeout().toMillis());
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.host", host);
    properties.setProperty("mail.smtp.port", Integer.toString(options.smtpPort()));
    properties.setProperty("mail.smtp.connectiontimeout", millis);
    properties.setProperty("mail.smtp.timeout", millis);
    properties.setProperty("mail.smtp.writetimeout", millis);
    properties.setProperty("mail.smtp.auth", Boolean.toString(options.username() != null));
    // required, not just enabled: with starttls on, never fall back to sending the password in
    // clear
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(options.starttls()));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(options.starttls()));
    return properties;
  }

  private String resolved(String template) {
    return template == null ? null : interpolator.resolve(template);
  }

  private EtlxException failure(String where, MessagingException e, SecretMask secrets) {
    String hint =
        e instanceof AuthenticationFailedException ? " (check username and password)" : "";
    String reason = secrets.apply(describe(e));
    return new EtlxException(
        ErrorCode.NOTIFY_FAILED,
        where
            + " failed: "
            + reason
            + hint
            + "; the load is done, a rerun only retries the notification",
        secrets.safeCause(e));
  }

  /**
   * The exception and its innermost cause (e.g. "MailConnectException: … (ConnectException:
   * refused)").
   */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
    return root == e
        ? text
        : text + " (" + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage()) + ")";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }
}
