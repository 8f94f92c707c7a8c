package io.etlx.engine;

import io.etlx.error.EtlxException;
import io.etlx.state.StageContext;

/**
 * A stage failure that still produced something a later attempt needs (e.g. the notifiers that
 * sent).
 */
final class PartialFailure extends EtlxException {
  private final transient StageContext context;

  PartialFailure(EtlxException cause, StageContext context) {
    super(cause.code(), cause.getMessage(), cause);
    this.context = context;
  }

  StageContext context() {
    return context;
  }
}
