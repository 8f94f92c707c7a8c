package io.etlx.lineage;

import java.io.IOException;

/** Where lineage events go, one JSON event at a time; safe to call from several threads. */
interface Transport extends AutoCloseable {
  void send(String event) throws IOException;

  /** Where the events go, for messages: never a secret. */
  String describe();

  @Override
  default void close() {}
}
