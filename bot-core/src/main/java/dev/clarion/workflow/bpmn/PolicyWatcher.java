package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.PolicyDeployer;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the escalation policies again when a file in the workflows directory changes: a
 * modeler's save (often several writes, or a temporary file renamed) settles for {@link #QUIET}
 * before one deploy runs. Problems are logged and nothing is replaced; the last outcome is kept.
 */
public final class PolicyWatcher implements AutoCloseable {
  /** How long the directory must stay unchanged before a deploy. */
  public static final Duration QUIET = Duration.ofMillis(500);

  private static final Logger log = LoggerFactory.getLogger(PolicyWatcher.class);

  private final WatchService watch;
  private final Thread thread;
  private final PolicyDeployer deployer;
  private volatile PolicyDeployer.Outcome last;

  private PolicyWatcher(Path directory, PolicyDeployer deployer) throws IOException {
    this.deployer = deployer;
    this.watch = FileSystems.getDefault().newWatchService();
    directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = new Thread(() -> loop(directory), "policy-watcher");
    thread.setDaemon(true);
  }

  /** Watches {@code directory} (which must exist) until closed. */
  public static PolicyWatcher start(Path directory, PolicyDeployer deployer) {
    try {
      PolicyWatcher watcher = new PolicyWatcher(directory, deployer);
      watcher.thread.start();
      log.info("watching {} for escalation policy changes", directory);
      return watcher;
    } catch (IOException e) {
      throw new IllegalStateException("cannot watch " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The outcome of the last deploy this watcher ran, or null before the first. */
  public PolicyDeployer.Outcome lastOutcome() {
    return last;
  }

  private void loop(Path directory) {
    try {
      while (true) {
        WatchKey key = watch.take();
        boolean relevant = drain(key);
        // Debounce: wait until nothing changes for QUIET.
        WatchKey more;
        while ((more = watch.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          relevant |= drain(more);
        }
        if (relevant) {
          deploy(directory);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private static boolean drain(WatchKey key) {
    boolean relevant = false;
    for (var event : key.pollEvents()) {
      relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW
          || String.valueOf(event.context()).endsWith(".bpmn");
    }
    key.reset();
    return relevant;
  }

  private void deploy(Path directory) {
    try {
      PolicyDeployer.Outcome outcome = deployer.deploy();
      last = outcome;
      if (outcome.ok()) {
        outcome.deployed().stream().filter(PolicyDeployer.Deployed::changed).forEach(d ->
            log.info("{} changed: {} deployed as version {}", directory, d.policy(), d.version()));
      } else {
        log.warn("{} changed, but nothing was deployed:\n  {}", directory,
            String.join("\n  ", outcome.problems()));
      }
    } catch (RuntimeException e) {
      log.error("deploying escalation policies after a change in {} failed", directory, e);
    }
  }

  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      log.warn("closing the policy watcher: {}", e.toString());
    }
    thread.interrupt();
  }
}
