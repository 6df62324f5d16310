package dev.clarion.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import dev.clarion.api.HttpRoutes;
import dev.clarion.api.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real plugin jars, compiled here: each bundles its own version of one library class, one throws in
 * start, one is not a plugin at all. The host loads the good ones side by side and skips the rest.
 */
class PluginHostTest {
  @TempDir Path work;

  private static final String CHANNEL = """
      package %1$s;
      import dev.clarion.api.*;
      import java.util.Set;
      @org.pf4j.Extension
      public class Channel implements ChannelPlugin {
        public String id() { return "%1$s-" + lib.Shared.version(); }
        public Set<Capability> capabilities() { return Set.of(Capability.BUTTONS); }
        public RateLimits rateLimits() {
          return new RateLimits(RateLimits.Rate.perSecond(1), RateLimits.Rate.perSecond(1));
        }
        public void start(ChannelContext context) { %2$s }
        public DeliveryResult deliver(Outgoing message) { return DeliveryResult.delivered("x"); }
      }
      """;

  private static final String LIBRARY = """
      package lib;
      public class Shared { public static String version() { return "%s"; } }
      """;

  private Path pluginJar(String id, String libraryVersion, String startBody) throws IOException {
    Path src = Files.createDirectories(work.resolve(id + "-src"));
    Path classes = Files.createDirectories(work.resolve(id + "-classes"));
    Files.createDirectories(src.resolve(id));
    Files.createDirectories(src.resolve("lib"));
    Files.writeString(src.resolve(id).resolve("Channel.java"), CHANNEL.formatted(id, startBody));
    Files.writeString(src.resolve("lib").resolve("Shared.java"), LIBRARY.formatted(libraryVersion));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-proc:none", "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"),
        src.resolve(id).resolve("Channel.java").toString(),
        src.resolve("lib").resolve("Shared.java").toString());
    assertThat(rc).isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Plugin-Id", id);
    manifest.getMainAttributes().putValue("Plugin-Version", libraryVersion);
    Path jar = Files.createDirectories(work.resolve("plugins")).resolve(id + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
      }
      out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
      out.write((id + ".Channel\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private static ChannelContext context() {
    return context(Map.of("configured", true));
  }

  private static ChannelContext context(Map<String, Object> config) {
    return new ChannelContext() {
      public Map<String, Object> config() {
        return config;
      }

      public HttpRoutes routes() {
        return null;
      }

      public Commands commands() {
        return null;
      }

      public Templates templates() {
        return null;
      }

      public Clock clock() {
        return Clock.systemUTC();
      }

      public void count(String name) {}
    };
  }

  @Test
  void anInstalledPluginWithoutConfigurationIdlesAndSaysHowToSetItUp() throws IOException {
    pluginJar("idle", "1.0", "throw new IllegalStateException(\"start must not be called\");");

    PluginHost host = PluginHost.load(Optional.of(work.resolve("plugins")),
        ClassLoader.getPlatformClassLoader(), id -> context(Map.of()));

    assertThat(host.channels()).isEmpty();
    assertThat(host.report()).singleElement().satisfies(p ->
        assertThat(p.problem().orElseThrow()).startsWith(PluginHost.NOT_CONFIGURED)
            .contains("add a 'idle-1.0:' section to clarion.yml"));
    host.close();
  }

  @Test
  void pluginsGetTheirOwnLibrariesAndABrokenOneIsSkipped() throws IOException {
    pluginJar("one", "1.0", "");
    pluginJar("two", "2.0", "");
    pluginJar("bad", "3.0", "throw new IllegalStateException(\"no token configured\");");
    try (OutputStream junk = Files.newOutputStream(work.resolve("plugins").resolve("junk.jar"))) {
      junk.write("not a jar".getBytes(StandardCharsets.UTF_8));
    }

    List<String> started = new ArrayList<>();
    PluginHost host = PluginHost.load(Optional.of(work.resolve("plugins")),
        ClassLoader.getPlatformClassLoader(), id -> {
          started.add(id);
          return context();
        });

    // Same class name lib.Shared, two versions, each plugin sees its own.
    assertThat(host.channels()).extracting(c -> c.id()).containsExactlyInAnyOrder("one-1.0",
        "two-2.0");
    assertThat(host.report()).filteredOn(LoadedPlugin::ok).extracting(LoadedPlugin::origin)
        .containsExactlyInAnyOrder("one.jar", "two.jar");
    assertThat(host.report()).filteredOn(p -> !p.ok())
        .anySatisfy(p -> assertThat(p.problem().orElseThrow()).contains("no token configured"))
        .anySatisfy(p -> assertThat(p.origin()).isEqualTo("junk.jar"));
    host.close();
  }

  @Test
  void withoutAPluginsDirectoryClasspathPluginsStillLoad() {
    PluginHost host = PluginHost.load(Optional.of(work.resolve("absent")),
        PluginHostTest.class.getClassLoader(), id -> context());
    assertThat(host.report()).allSatisfy(p -> assertThat(p.origin()).isEqualTo("classpath"));
    host.close();
  }
}
