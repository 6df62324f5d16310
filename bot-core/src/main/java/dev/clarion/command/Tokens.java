package dev.clarion.command;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line on spaces, keeping "double quoted" or 'single quoted' words together. */
final class Tokens {
  private Tokens() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : line.strip().toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'' || c == '“' || c == '”') {
        quote = c == '“' ? '”' : c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(current.toString());
          current.setLength(0);
          inWord = false;
        }
      } else {
        current.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(current.toString());
    }
    return words;
  }
}
