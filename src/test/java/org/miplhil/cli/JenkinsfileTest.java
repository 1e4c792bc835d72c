package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Jenkinsfile as Jenkins reads it, without a Jenkins: its blocks balance (strings, GString interpolations and
 * comments skipped), its sections are those of a declarative pipeline in their places (Groovy control flow only in
 * {@code script} blocks and in methods outside {@code pipeline}), the racks' matrix holds each rack on its agent
 * with a lock and merges the results into one JUnit publication and one Allure report, and every
 * {@code ./mipl-hil} command it runs parses with the command line's own options.
 */
class JenkinsfileTest {

    private static final Path FILE = Path.of("Jenkinsfile");

    /** Declarative sections and where they may stand (pipeline-model-definition's grammar, the parts used here). */
    private static final Set<String> PIPELINE = Set.of("agent", "triggers", "parameters", "options", "stages", "post",
            "environment", "tools");
    private static final Set<String> STAGE = Set.of("agent", "when", "steps", "post", "environment", "options",
            "tools", "input");
    private static final Set<String> POST = Set.of("always", "changed", "fixed", "regression", "aborted", "failure",
            "success", "unstable", "unsuccessful", "cleanup");

    /** What each interpolation stands for when a command is parsed: the parameters' defaults, a rack. */
    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("params.TAGS", List.of("!slow")),
            Map.entry("tags", List.of("(!slow) & !sim-only")),
            Map.entry("(params.PARALLEL ?: '').trim()", List.of("", "4")),
            Map.entry("params.MUTATE_BUDGET", List.of("60m")),
            Map.entry("params.MUTATE_JOBS", List.of("2")),
            Map.entry("params.SOAK_RUNS", List.of("20")),
            Map.entry("env.BUILD_NUMBER", List.of("17")),
            Map.entry("r.file", List.of("fixtures/racks/virtual.yaml")),
            Map.entry("r.report", List.of("reports/rack-virtual")),
            Map.entry("mode", List.of("--replicate", "--shard", "")));

    private static String text() throws IOException {
        return Files.readString(FILE, StandardCharsets.UTF_8);
    }

    @Test
    void theBlocksBalanceOutsideStringsAndComments() throws IOException {
        Block root = Block.parse(text());

        assertThat(root.children).as("top level: the pipeline and the methods it calls").isNotEmpty();
    }

    @Test
    void theSectionsAreADeclarativePipelines() throws IOException {
        Block root = Block.parse(text());
        List<Block> pipelines = root.children.stream().filter(b -> b.head.equals("pipeline")).toList();
        assertThat(pipelines).hasSize(1);
        for (Block b : root.children) {
            if (!b.head.equals("pipeline")) {
                assertThat(b.head).as("outside pipeline only methods")
                        .matches("(@NonCPS )?(def|boolean|int|void|[A-Z][\\w<>, ]*) \\w+\\(.*\\)");
            }
        }
        Block pipeline = pipelines.get(0);
        assertThat(pipeline.children)
                .allSatisfy(b -> assertThat(PIPELINE).as("a section of pipeline").contains(b.head));
        assertThat(pipeline.heads()).contains("agent", "parameters", "stages", "post").doesNotHaveDuplicates();
        Block stages = pipeline.child("stages");
        assertThat(stages.heads()).as("stage names").doesNotHaveDuplicates();
        assertThat(stages.children).isNotEmpty().allSatisfy(s -> {
            assertThat(s.head).matches("stage\\('[^']+'\\)");
            assertThat(s.children).allSatisfy(c -> assertThat(STAGE).as("a section of %s", s.head).contains(c.head));
            assertThat(s.heads()).as(s.head).containsOnlyOnce("steps").doesNotHaveDuplicates();
            stepsOnly(s.child("steps"));
            if (s.heads().contains("post")) {
                postOnly(s.child("post"));
            }
        });
        postOnly(pipeline.child("post"));
    }

    /** In steps, Groovy's own statements (for, if, try, def) only inside script. */
    private static void stepsOnly(Block steps) {
        for (Block b : steps.children) {
            assertThat(b.head).as("a step block of %s", steps.head).doesNotStartWith("for").doesNotStartWith("if")
                    .doesNotStartWith("try").doesNotStartWith("def");
        }
        for (String statement : steps.statements) {
            assertThat(statement).as("a statement in steps, not in script").doesNotStartWith("def ")
                    .doesNotStartWith("for ").doesNotStartWith("if ");
        }
    }

    private static void postOnly(Block post) {
        assertThat(post.children).allSatisfy(c -> {
            assertThat(POST).as("a condition of post").contains(c.head);
            stepsOnly(c);
        });
    }

    @Test
    void theRacksAreAMatrixEachOnItsAgentHeldWithALockAndMergedIntoOneReport() throws IOException {
        String text = text();
        Block pipeline = Block.parse(text).child("pipeline");

        // the racks: a parameter of rack files, the virtual ones by default
        assertThat(text).containsPattern("string\\(name: 'RACKS', defaultValue: 'fixtures/racks/virtual[^']*\\.yaml'");
        assertThat(text).containsPattern("choice\\(name: 'RACK_MODE', choices: \\['replicate', 'shard'\\]");
        Block racks = pipeline.child("stages").children.stream().filter(s -> s.head.contains("racks")).findFirst()
                .orElseThrow();
        assertThat(racks.child("steps").child("script").statements).anySatisfy(s -> assertThat(s)
                .isEqualTo("parallel branches"));
        // each branch: the rack's agent, the rack held for the whole run, the run on every module of the rack
        Block onRack = Block.parse(text).children.stream().filter(b -> b.head.startsWith("def onRack(")).findFirst()
                .orElseThrow();
        Block node = onRack.child("node(r.label)");
        Block lock = node.children.stream().filter(b -> b.head.startsWith("lock(resource: ")).findFirst()
                .orElseThrow();
        assertThat(lock.text()).contains("--rack '${r.file}' ${mode}")
                .contains("String mode = severalModules(yaml) ? \"--${params.RACK_MODE}\" : ''")
                .contains("stash name: r.stash");
        // one publication each: JUnit (every report's junit/, a fleet's module folders too) and Allure
        assertThat(count(text, "\\bjunit testResults:")).isOne();
        assertThat(text).contains("junit testResults: 'reports/**/junit/**/*.xml");
        assertThat(count(text, "\\ballure results:")).isOne();
        assertThat(pipeline.child("post").text()).contains("unstash r.stash")
                .contains("junit testResults:").contains("allure results:");
        // virtual modules in parallel; the nightly mutation score stays
        Block sim = pipeline.child("stages").children.stream().filter(s -> s.head.contains("virtual modules"))
                .findFirst().orElseThrow();
        assertThat(sim.text()).containsPattern("\\./mipl-hil run .*--target sim --parallel");
        assertThat(pipeline.child("stages").heads()).contains("stage('Mutation score of the catalogue')");
    }

    @Test
    void everyMiplHilCommandParsesWithTheCommandLinesOptions() throws IOException {
        List<String> commands = commands(text());
        assertThat(commands).as("run on virtual modules, run on a rack, lint, mutate, soak")
                .hasSizeGreaterThanOrEqualTo(5);

        for (String command : commands) {
            for (String expanded : expand(command)) {
                List<String> args = shellWords(expanded);
                assertThat(args.get(0)).isEqualTo("./mipl-hil");
                try {
                    Main.commandLine().parseArgs(args.subList(1, args.size()).toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    fail("the Jenkinsfile's '" + expanded + "' does not parse: " + e.getMessage());
                }
            }
        }
    }

    /** The sh steps' command strings that start with ./mipl-hil (string literals joined, as Groovy's + joins them). */
    static List<String> commands(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*sh [\"']\\./mipl-hil").matcher(text);
        while (m.find()) {
            int start = text.indexOf("./mipl-hil", m.start()) - 1;
            StringBuilder command = new StringBuilder();
            int i = start;
            while (true) {
                char q = text.charAt(i);
                int end = Lexer.endOfString(text, i);
                command.append(text, i + 1, end - 1);
                int next = end;
                while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                if (next < text.length() && text.charAt(next) == '+') {
                    next++;
                    while (Character.isWhitespace(text.charAt(next))) {
                        next++;
                    }
                    i = next;
                    continue;
                }
                assertThat(q).isIn('"', '\'');
                break;
            }
            out.add(command.toString());
        }
        return out;
    }

    /** Every way the command's interpolations can be filled from {@link #VALUES}; an unknown one fails the test. */
    private static List<String> expand(String command) {
        int at = command.indexOf("${");
        if (at < 0) {
            return List.of(command);
        }
        int end = Lexer.endOfInterpolation(command, at + 1);
        String expression = command.substring(at + 2, end - 1);
        List<String> values = VALUES.get(expression);
        if (values == null) {
            fail("the Jenkinsfile interpolates ${" + expression + "}: give it a value in JenkinsfileTest.VALUES");
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.addAll(expand(command.substring(0, at) + v + command.substring(end)));
        }
        return out;
    }

    /** Words as the shell splits them: spaces, single and double quotes (no escapes in these commands). */
    static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        assertThat((int) quote).as("a quote left open in " + command).isZero();
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(Lexer.code(text)).results().count();
    }

    /** Groovy's strings, GString interpolations and comments, enough to find the code between them. */
    static final class Lexer {

        /** The text with comments blanked and, unless {@code keepStrings}, string contents too (offsets kept). */
        static String blanked(String text, boolean keepStrings) {
            StringBuilder out = new StringBuilder(text);
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (text.startsWith("//", i)) {
                    int end = text.indexOf('\n', i);
                    end = end < 0 ? text.length() : end;
                    blank(out, i, end);
                    i = end;
                } else if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    if (end < 0) {
                        fail("a comment opened at line " + line(text, i) + " is never closed");
                    }
                    blank(out, i, end + 2);
                    i = end + 2;
                } else if (c == '"' || c == '\'') {
                    int end = endOfString(text, i);
                    if (!keepStrings) {
                        blank(out, i + 1, end - 1);
                    }
                    i = end;
                } else {
                    i++;
                }
            }
            return out.toString();
        }

        /** The code alone: comments and string contents blanked. */
        static String code(String text) {
            return blanked(text, false);
        }

        private static void blank(StringBuilder out, int from, int to) {
            for (int k = from; k < to; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
        }

        /** The offset after the string literal that starts at {@code start} (a quote). */
        static int endOfString(String text, int start) {
            char q = text.charAt(start);
            boolean triple = text.startsWith(String.valueOf(q).repeat(3), start);
            int i = start + (triple ? 3 : 1);
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (q == '"' && text.startsWith("${", i)) {
                    i = endOfInterpolation(text, i + 1);
                } else if (triple ? text.startsWith(String.valueOf(q).repeat(3), i) : c == q) {
                    return i + (triple ? 3 : 1);
                } else if (c == '\n' && !triple) {
                    break;
                } else {
                    i++;
                }
            }
            fail("a string opened at line " + line(text, start) + " is never closed");
            return -1;
        }

        /** The offset after the {@code }} that closes the interpolation whose {@code {} is at {@code open}. */
        static int endOfInterpolation(String text, int open) {
            int depth = 0;
            int i = open;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'') {
                    i = endOfString(text, i);
                    continue;
                }
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            fail("an interpolation opened at line " + line(text, open) + " is never closed");
            return -1;
        }

        static int line(String text, int offset) {
            return (int) text.substring(0, Math.min(offset, text.length())).chars().filter(ch -> ch == '\n').count()
                    + 1;
        }
    }

    /** A block: the statement that opens it ({@code stage('Build')}), its own statements and its blocks. */
    static final class Block {
        final String head;
        final List<Block> children = new ArrayList<>();
        /** Statements directly in the block, one per logical line (a line ending in an operator goes on). */
        final List<String> statements = new ArrayList<>();
        private final String file;
        private final int start;
        private int end;

        private Block(String head, String file, int start) {
            this.head = head;
            this.file = file;
            this.start = start;
        }

        List<String> heads() {
            return children.stream().map(b -> b.head).collect(Collectors.toList());
        }

        Block child(String head) {
            return children.stream().filter(b -> b.head.equals(head)).findFirst()
                    .orElseThrow(() -> new AssertionError("no block '" + head + "' in '" + this.head + "': "
                            + heads()));
        }

        /** The block's text as written, comments left out. */
        String text() {
            return file.substring(start, end);
        }

        /** The file's blocks: a '{' opens one named by the statement before it, '}' closes it. */
        static Block parse(String text) {
            String code = Lexer.code(text);
            String file = Lexer.blanked(text, true);
            Block root = new Block("", file, 0);
            List<Block> open = new ArrayList<>(List.of(root));
            int statementStart = 0;
            int depth = 0; // ( and [ open on this statement: a newline inside them does not end it
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                if (c == '(' || c == '[') {
                    depth++;
                } else if (c == ')' || c == ']') {
                    depth--;
                } else if (c == '{') {
                    Block b = new Block(fold(file.substring(statementStart, i)), file, i + 1);
                    open.get(open.size() - 1).children.add(b);
                    open.add(b);
                    statementStart = i + 1;
                    depth = 0;
                } else if (c == '}') {
                    add(open, file.substring(statementStart, i));
                    if (open.size() == 1) {
                        fail("a '}' at line " + Lexer.line(text, i) + " closes no block");
                    }
                    open.remove(open.size() - 1).end = i;
                    statementStart = i + 1;
                    depth = 0;
                } else if ((c == '\n' || c == ';') && depth <= 0 && !goesOn(code.substring(statementStart, i))) {
                    add(open, file.substring(statementStart, i));
                    statementStart = i + 1;
                }
            }
            if (open.size() != 1) {
                fail("the block '" + open.get(open.size() - 1).head + "' is never closed");
            }
            root.end = file.length();
            return root;
        }

        /** A line that ends in an operator or a comma goes on on the next line. */
        private static boolean goesOn(String code) {
            String s = code.strip();
            return s.endsWith("+") || s.endsWith(",") || s.endsWith("&&") || s.endsWith("||") || s.endsWith("=")
                    || s.endsWith("?") || s.endsWith(":");
        }

        private static void add(List<Block> open, String raw) {
            String s = fold(raw);
            if (!s.isEmpty()) {
                open.get(open.size() - 1).statements.add(s);
            }
        }

        private static String fold(String s) {
            return s.replaceAll("\\s+", " ").trim();
        }
    }
}
