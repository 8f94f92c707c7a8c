package io.etlx.engine;

import io.etlx.error.EtlxException;

/** A stage failure that still produced something worth recording (e.g. the notifiers already sent). */
final class PartialFailure extends EtlxException {
  private final String output;

  PartialFailure(EtlxException cause, String output) {
    super(cause.code(), cause.getMessage(), cause);
    this.output = output;
  }

  String output() {
    return output;
  }
}
