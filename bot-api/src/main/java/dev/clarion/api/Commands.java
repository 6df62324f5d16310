package dev.clarion.api;

/**
 * The core's command catalogue (ack, resolve, comment, oncall...), run as an identified user. The
 * plugin maps its platform identity to the user id; the core checks roles and audits.
 */
public interface Commands {
  /**
   * @param chatIdentity the user's id on this plugin's platform (as in clarion.yml {@code chat:})
   * @param commandLine e.g. {@code "incident ack 42"}
   */
  Result run(String chatIdentity, String commandLine);

  /**
   * A reply model: {@code ok}, a {@code text} for the person, and a stable {@code code} on errors.
   *
   * @param shared the command changed shared state (an incident): chat shows the reply to everyone
   *     in the conversation, otherwise only to the person who asked
   */
  record Result(boolean ok, String code, String text, boolean shared) {
    public Result(boolean ok, String code, String text) {
      this(ok, code, text, false);
    }
  }
}
