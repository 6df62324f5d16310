/**
 * The {@code clarion} command line (picocli): serve, demo, config validate, alert send, incident
 * commands and tokens. Incident commands go to a running server's API, which runs them through the
 * command catalogue; this package only parses arguments and prints replies.
 */
package dev.clarion.cli;
