package dev.clarion.plugins.telegram;

import java.util.function.Supplier;

/**
 * Runs code with this plugin's class loader as the thread's context class loader. Jackson inside
 * telegrambots resolves class-named type ids through the context loader first; on the core's
 * delivery threads, Javalin's threads and the polling threads that is the host's loader, which
 * either lacks telegrambots or (on a test class path) holds a second copy of it, and then
 * "InlineKeyboardMarkup is not a subtype of InlineKeyboardMarkup".
 */
final class PluginContextLoader {
  private static final ClassLoader PLUGIN = PluginContextLoader.class.getClassLoader();

  private PluginContextLoader() {}

  static <T> T call(Supplier<T> body) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(PLUGIN);
    try {
      return body.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  static void run(Runnable body) {
    call(() -> {
      body.run();
      return null;
    });
  }
}
