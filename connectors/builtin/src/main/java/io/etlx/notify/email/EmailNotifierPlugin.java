package io.etlx.notify.email;

import io.etlx.spi.Notifier;
import io.etlx.spi.NotifierPlugin;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** {@code type: email}: mails the run outcome as plain text through an SMTP server. */
public final class EmailNotifierPlugin implements NotifierPlugin {
  @Override
  public String type() {
    return "email";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/notify/email/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>();
    if (spec.has("username") && !spec.has("password")) {
      problems.add(
          "username needs a password for SMTP AUTH, e.g. password: ${SMTP_PASSWORD};"
              + " or remove username to send without logging in");
    }
    if (spec.has("password") && !spec.has("username")) {
      problems.add(
          "password needs a username for SMTP AUTH; or remove password to send without logging in");
    }
    // literal addresses can be checked now; templated ones only once resolved, when the mail is
    // sent
    Stream.of(
            MailAddresses.problem("to", EmailOptions.to(spec)),
            spec.has("from")
                ? MailAddresses.problem("from", List.of(spec.string("from", "")))
                : null)
        .filter(Objects::nonNull)
        .forEach(problems::add);
    return problems;
  }

  @Override
  public Notifier open(PluginOptions spec, PluginContext context) {
    return new EmailNotifier(EmailOptions.of(spec), context.templates());
  }
}
