package org.miplhil.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the named groups of a regular expression ({@code (?<msgId>\d+)}), read from its text. Java 17 has no API for it. */
final class RegexGroups {

    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private RegexGroups() {}

    static List<String> names(String regex) {
        List<String> names = new ArrayList<>();
        int classDepth = 0;
        Matcher m = GROUP.matcher(regex);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (regex.startsWith("\\Q", i)) {
                    int end = regex.indexOf("\\E", i + 2);
                    if (end < 0) {
                        break;
                    }
                    i = end + 1;
                } else {
                    i++;
                }
                continue;
            }
            if (classDepth > 0) {
                if (c == '[') {
                    classDepth++;
                } else if (c == ']') {
                    classDepth--;
                }
                continue;
            }
            if (c == '[') {
                classDepth = 1;
            } else if (c == '(' && m.region(i, regex.length()).lookingAt() && !names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
