package io.etlx.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Work on a thread of its own, whose failure reaches whoever asks for its result. */
final class Background<T> {
  @FunctionalInterface
  interface Work<T> {
    T run() throws IOException;
  }

  private final FutureTask<T> task;
  private final Thread thread;

  private Background(FutureTask<T> task, Thread thread) {
    this.task = task;
    this.thread = thread;
  }

  static <T> Background<T> start(Work<T> work) {
    FutureTask<T> task = new FutureTask<>(work::run);
    Thread thread = new Thread(task, "etlx-delta");
    thread.setDaemon(true);
    thread.start();
    return new Background<>(task, thread);
  }

  /** Waits for the work to end (also before the files it uses are deleted after a failure). */
  void join() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  T result() throws IOException {
    join();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
