package dev.clarion.plugin;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads channel plugins. Plugin jars get PF4J's plugin-first class loaders, so two plugins can bundle
 * different versions of one library; a plugin that fails (bad manifest, missing class, exception in
 * {@code start}) is logged, listed with its problem, and skipped — the server still starts.
 */
public final class PluginHost implements AutoCloseable {
  /** The problem text of an installed plugin that has no configuration section, so sits idle. */
  public static final String NOT_CONFIGURED = "not configured";

  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
  private static final String INDEX = "META-INF/extensions.idx";

  private final Optional<PluginManager> manager;
  private final List<ChannelPlugin> channels;
  private final List<LoadedPlugin> report;

  private PluginHost(Optional<PluginManager> manager, List<ChannelPlugin> channels,
      List<LoadedPlugin> report) {
    this.manager = manager;
    this.channels = List.copyOf(channels);
    this.report = List.copyOf(report);
  }

  /**
   * Finds plugins in {@code directory} (if it exists) and on the class path, and starts each with
   * the context {@code contexts} gives for its id. A plugin id found twice keeps the first (jars in
   * the directory win over the class path).
   */
  public static PluginHost load(Optional<Path> directory, ClassLoader classpath,
      Function<String, ChannelContext> contexts) {
    Map<String, ChannelPlugin> found = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    List<LoadedPlugin> report = new ArrayList<>();
    Optional<PluginManager> manager = directory.filter(Files::isDirectory).map(dir -> {
      PluginManager pm = new DefaultPluginManager(dir);
      pm.loadPlugins();
      pm.startPlugins();
      for (PluginWrapper w : pm.getPlugins()) {
        String origin = w.getPluginPath().getFileName().toString();
        if (w.getPluginState() != PluginState.STARTED) {
          report.add(broken(w.getPluginId(), origin, w.getDescriptor().getVersion(),
              "state " + w.getPluginState() + Optional.ofNullable(w.getFailedException())
                  .map(e -> ": " + e).orElse("")));
          continue;
        }
        try {
          for (ChannelPlugin p : pm.getExtensions(ChannelPlugin.class, w.getPluginId())) {
            found.putIfAbsent(p.id(), p);
            origins.putIfAbsent(p.id(), origin + " " + w.getDescriptor().getVersion());
          }
        } catch (RuntimeException | LinkageError e) {
          report.add(broken(w.getPluginId(), origin, w.getDescriptor().getVersion(), e.toString()));
        }
      }
      // PF4J logs and drops files it cannot read as plugins; list them too.
      java.util.Set<Path> loaded = new java.util.HashSet<>();
      pm.getPlugins().forEach(w -> loaded.add(w.getPluginPath().toAbsolutePath().normalize()));
      try (var files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".jar") || f.toString().endsWith(".zip"))
            .filter(f -> !loaded.contains(f.toAbsolutePath().normalize()))
            .filter(f -> !Files.isDirectory(dir.resolve(stripExtension(f))))
            .forEach(f -> report.add(broken(f.getFileName().toString(),
                f.getFileName().toString(), "?", "not a loadable plugin (see the log)")));
      } catch (IOException e) {
        log.warn("cannot list {}: {}", dir, e.toString());
      }
      return pm;
    });
    for (String className : classpathExtensions(classpath)) {
      try {
        Class<?> type = Class.forName(className, true, classpath);
        if (!ChannelPlugin.class.isAssignableFrom(type)) {
          continue;
        }
        ChannelPlugin p = (ChannelPlugin) type.getDeclaredConstructor().newInstance();
        found.putIfAbsent(p.id(), p);
        origins.putIfAbsent(p.id(), "classpath");
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        report.add(broken(className, "classpath", "?", e.toString()));
      }
    }
    List<ChannelPlugin> started = new ArrayList<>();
    for (ChannelPlugin p : found.values()) {
      String[] origin = origins.get(p.id()).split(" ", 2);
      try {
        ChannelContext context = contexts.apply(p.id());
        if (context.config().isEmpty()) {
          // Installed but not set up (no section in clarion.yml): idle, which is not an error.
          report.add(new LoadedPlugin(p.id(), origin[0], origin.length > 1 ? origin[1] : "dev",
              p.capabilities(), Optional.of(NOT_CONFIGURED + " (add a '" + p.id() + ":' section to clarion.yml)")));
          log.info("channel plugin {} is installed but not configured; add a '{}:' section to use it", p.id(), p.id());
          continue;
        }
        p.start(context);
        started.add(p);
        report.add(new LoadedPlugin(p.id(), origin[0], origin.length > 1 ? origin[1] : "dev",
            p.capabilities(), Optional.empty()));
      } catch (RuntimeException | LinkageError e) {
        report.add(broken(p.id(), origin[0], "?", "start failed: " + e));
      }
    }
    report.stream().filter(r -> !r.ok() && !r.problem().get().startsWith(NOT_CONFIGURED)).forEach(r ->
        log.error("channel plugin {} ({}) skipped: {}", r.id(), r.origin(), r.problem().get()));
    started.forEach(p -> log.info("channel plugin {} loaded", p.id()));
    return new PluginHost(manager, started, report);
  }

  /** A zip plugin is unpacked next to itself; that directory is the plugin's path then. */
  private static String stripExtension(Path f) {
    String name = f.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static LoadedPlugin broken(String id, String origin, String version, String problem) {
    return new LoadedPlugin(id, origin, version, java.util.Set.of(), Optional.of(problem));
  }

  /** Extension classes listed by PF4J's annotation processor in modules on the class path. */
  static List<String> classpathExtensions(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(INDEX))) {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      log.warn("cannot read {} from the class path: {}", INDEX, e.toString());
    }
    return names;
  }

  public List<ChannelPlugin> channels() {
    return channels;
  }

  /** Loaded and skipped plugins, for {@code clarion plugins} and the API. */
  public List<LoadedPlugin> report() {
    return report;
  }

  @Override
  public void close() {
    for (ChannelPlugin p : channels) {
      try {
        p.stop();
      } catch (RuntimeException e) {
        log.warn("channel plugin {} failed to stop: {}", p.id(), e.toString());
      }
    }
    // Not PluginManager.stopPlugins(): in PF4J 3.15 it removes from the list it iterates and
    // throws ConcurrentModificationException as soon as one plugin was started from a jar
    // (pf4j/pf4j#656). Stopping one by one, from a copy, does the same.
    manager.ifPresent(pm -> {
      List<PluginWrapper> started = new ArrayList<>(pm.getStartedPlugins());
      Collections.reverse(started);
      for (PluginWrapper w : started) {
        try {
          pm.stopPlugin(w.getPluginId());
        } catch (RuntimeException e) {
          log.warn("plugin {} failed to stop: {}", w.getPluginId(), e.toString());
        }
      }
    });
  }
}
