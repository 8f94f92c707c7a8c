package io.etlx.notify.email;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.function.UnaryOperator;

/** Strict parsing of the address options, with errors that name the option. */
final class MailAddresses {
  private MailAddresses() {}

  /**
   * The addresses in {@code templates} (each may be a comma-separated list). {@code resolve} gives
   * the value to send to, {@code show} the form a message may contain (process variables left as
   * {@code ${NAME}}, since they may be secret).
   */
  static List<InternetAddress> parse(
      String option,
      List<String> templates,
      UnaryOperator<String> resolve,
      UnaryOperator<String> show) {
    return templates.stream()
        .flatMap(template -> parse(option, resolve.apply(template), show.apply(template)).stream())
        .toList();
  }

  /**
   * A problem with a literal (untemplated) address option, for {@code check}; null when fine or
   * templated.
   */
  static String problem(String option, List<String> templates) {
    List<String> literal = templates.stream().filter(t -> !t.contains("${")).toList();
    try {
      parse(option, literal, UnaryOperator.identity(), UnaryOperator.identity());
      return null;
    } catch (EtlxException e) {
      return e.getMessage();
    }
  }

  private static List<InternetAddress> parse(String option, String value, String shown) {
    try {
      List<InternetAddress> addresses = List.of(InternetAddress.parse(value, true));
      if (addresses.isEmpty()) {
        throw invalid(option, shown, "no address given");
      }
      for (InternetAddress address : addresses) {
        if (address.getAddress().indexOf('@') < 1) {
          throw invalid(option, shown, "missing @domain");
        }
      }
      return addresses;
    } catch (AddressException e) {
      // getMessage() (unlike toString()) leaves out the parsed text, which may hold a resolved
      // process variable
      throw invalid(option, shown, e.getMessage());
    }
  }

  private static EtlxException invalid(String option, String shown, String reason) {
    return new EtlxException(
        ErrorCode.INVALID_VALUE,
        option
            + " '"
            + shown
            + "' is not a valid email address ("
            + reason
            + "); write e.g. "
            + option
            + ": ops@example.com");
  }
}
