package dev.clarion.template;

import dev.clarion.api.Templates;
import freemarker.cache.FileTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Templates} on FreeMarker 2.3, locked down for templates written by operators. */
public final class FreemarkerTemplates implements Templates {
  private final Configuration fm;
  private final Optional<Path> directory;
  private final Map<String, Template> inline = new ConcurrentHashMap<>();

  /** {@code directory}: the {@code templates/} root; files outside it are unreachable. */
  public FreemarkerTemplates(Optional<Path> directory) {
    this.directory = directory.filter(Files::isDirectory);
    fm = new Configuration(Configuration.VERSION_2_3_34);
    fm.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    fm.setAPIBuiltinEnabled(false);
    fm.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    fm.setLogTemplateExceptions(false);
    fm.setWrapUncheckedExceptions(true);
    fm.setLocalizedLookup(false);
    fm.setDefaultEncoding("UTF-8");
    fm.setOutputEncoding("UTF-8");
    if (this.directory.isPresent()) {
      try {
        // FileTemplateLoader refuses paths that resolve (through "..", or symlinks) outside the
        // base directory.
        fm.setTemplateLoader(new FileTemplateLoader(this.directory.get().toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read templates in " + this.directory.get(), e);
      }
    } else {
      fm.setTemplateLoader(null);
    }
  }

  @Override
  public String render(String channel, String name, Locale locale, Map<String, String> fields,
      Escaping escaping) {
    String language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
    Template template = find(channel + "/" + language + "/" + name + ".ftl")
        .or(() -> find(channel + "/en/" + name + ".ftl"))
        .orElseThrow(() -> new IllegalArgumentException(
            "no template " + channel + "/" + language + "/" + name + ".ftl (nor en)"));
    return process(template, fields, escaping);
  }

  @Override
  public String renderText(String name, String source, Map<String, String> fields,
      Escaping escaping) {
    Template template = inline.computeIfAbsent(name + "\n" + source, k -> {
      try {
        return new Template(name, new StringReader(source), fm);
      } catch (IOException e) {
        throw new IllegalArgumentException("template " + name + " does not parse: "
            + e.getMessage(), e);
      }
    });
    return process(template, fields, escaping);
  }

  /** Checks a template written in configuration; returns the problem, if any. */
  public Optional<String> check(String name, String source) {
    try {
      new Template(name, new StringReader(source), fm);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }

  private Optional<Template> find(String path) {
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(fm.getTemplate(path));
    } catch (TemplateNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalArgumentException("template " + path + " does not parse: "
          + e.getMessage(), e);
    }
  }

  private static String process(Template template, Map<String, String> fields, Escaping escaping) {
    Map<String, String> model = new LinkedHashMap<>();
    fields.forEach((k, v) -> model.put(k, escape(v, escaping)));
    StringWriter out = new StringWriter();
    try {
      template.process(model, out);
    } catch (TemplateException e) {
      throw new IllegalArgumentException("template " + template.getName() + " failed: "
          + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String escape(String value, Escaping escaping) {
    if (value == null) {
      return "";
    }
    return switch (escaping) {
      case NONE -> value;
      case URL -> URLEncoder.encode(value, StandardCharsets.UTF_8);
      case HTML -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&quot;").replace("'", "&#39;");
      case JSON -> json(value);
    };
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c"); // keeps "</script>" inert if the JSON lands in HTML
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
