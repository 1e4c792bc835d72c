package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The release job ({@code jenkins/release.Jenkinsfile}) as Jenkins reads it, checked the way {@link JenkinsfileTest}
 * checks the nightly one: balanced blocks, a declarative pipeline with the release's parameters and stages, the
 * baseline from another build's archive, the verdict deciding the build's result and published with the report,
 * and every {@code ./mipl-hil} command parsing with the command line's own options.
 */
class ReleaseJenkinsfileTest {

    private static final Path FILE = Path.of("jenkins", "release.Jenkinsfile");

    /** What each interpolation stands for when a command is parsed. */
    private static final Map<String, String> VALUES = Map.of(
            "params.BASELINE_REVISION", "BC260YCNAAR01A02",
            "params.CANDIDATE_REVISION", "BC260YCNAAR01A03",
            "dfotaImages", "--baseline-image 'R02A02.bin' --candidate-image 'R02A03.bin' ",
            "r.file", "fixtures/racks/virtual-3.yaml",
            "r.name", "virtual-3",
            "params.TAGS", "!slow",
            "params.RULES", "fixtures/qualification/release.yaml",
            "params.SOAK_RUNS", "20",
            "env.BUILD_NUMBER", "17");

    private static String text() throws IOException {
        return Files.readString(FILE, StandardCharsets.UTF_8);
    }

    @Test
    void itIsADeclarativePipelineWithTheReleasesParametersAndStages() throws IOException {
        JenkinsfileTest.Block root = JenkinsfileTest.Block.parse(text());
        List<JenkinsfileTest.Block> pipelines = root.children.stream().filter(b -> b.head.equals("pipeline")).toList();
        assertThat(pipelines).hasSize(1);
        for (JenkinsfileTest.Block b : root.children) {
            if (!b.head.equals("pipeline")) {
                assertThat(b.head).as("outside pipeline only methods")
                        .matches("(@NonCPS )?(def|boolean|int|void|[A-Z][\\w<>, ]*) \\w+\\(.*\\)");
            }
        }
        JenkinsfileTest.Block pipeline = pipelines.get(0);
        assertThat(pipeline.heads()).contains("agent", "parameters", "stages", "post").doesNotHaveDuplicates();
        String parameters = pipeline.child("parameters").text();
        for (String p : List.of("CANDIDATE_REVISION", "BASELINE_REVISION", "BASELINE_IMAGE", "CANDIDATE_IMAGE",
                "BASELINE_JOB", "BASELINE_BUILD", "RACKS", "RULES")) {
            assertThat(parameters).contains("name: '" + p + "'");
        }
        assertThat(pipeline.child("stages").heads()).containsExactly("stage('Build')", "stage('Baseline report')",
                "stage('Catalogue replicated on the racks')", "stage('DFOTA baseline to candidate and back')",
                "stage('DFOTA soak')", "stage('Compare and verdict')");
        String all = text();
        assertThat(all).contains("copyArtifacts projectName: params.BASELINE_JOB", "lock(resource: r.name)",
                "publishHTML target:", "allure results:", "currentBuild.result = 'FAILURE'",
                "returnStatus: true", "--replicate");
    }

    @Test
    void everyMiplHilCommandParsesWithTheCommandLinesOptions() throws IOException {
        List<String> commands = JenkinsfileTest.commands(text());
        assertThat(commands).as("lint, the catalogue, soak").hasSizeGreaterThanOrEqualTo(3);
        // the qualify steps run through sh(returnStatus: true, script: ...): the same strings joined
        Matcher q = Pattern.compile("script:\\s*\"(\\./mipl-hil qualify[^\"]*)\"\\s*\\+\\s*\"([^\"]*)\"\\s*\\+\\s*"
                + "\"([^\"]*)\"").matcher(text());
        List<String> all = new java.util.ArrayList<>(commands);
        while (q.find()) {
            all.add(q.group(1) + q.group(2) + q.group(3));
        }
        assertThat(all).as("the DFOTA stage: qualify --dfota between the two revisions on each rack").anySatisfy(
                c -> assertThat(c).startsWith("./mipl-hil qualify --dfota --baseline-revision")
                        .contains("--candidate-revision", "--rack", "${dfotaImages}"));
        for (String command : all) {
            String expanded = expand(command);
            List<String> args = JenkinsfileTest.shellWords(expanded);
            assertThat(args.get(0)).isEqualTo("./mipl-hil");
            try {
                Main.commandLine().parseArgs(args.subList(1, args.size()).toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail("the release job's '" + expanded + "' does not parse: " + e.getMessage());
            }
        }
        assertThat(all).anySatisfy(c -> assertThat(c).startsWith("./mipl-hil qualify --baseline"));
    }

    private static String expand(String command) {
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(command);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = VALUES.get(m.group(1));
            assertThat(v).as("a value for ${%s} in %s", m.group(1), command).isNotNull();
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
