package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.miplhil.container.Containers;
import org.miplhil.container.DockerStatus;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil images} from target/classes (Surefire): exit 2 with the reason, whether Docker is missing or
 * there is no jar to build the images from. The images themselves: container/ImagesIT.
 */
class ImagesCommandTest {

    @Test
    void withoutAJarOrWithoutDockerItExitsTwoAndSaysWhy() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("images");
        assertThat(exit).as("out: %s err: %s", out, err).isEqualTo(2);
        DockerStatus docker = Containers.docker();
        if (docker.available()) {
            assertThat(err.toString()).contains("not from a jar").contains("target/mipl-hil.jar");
        } else {
            assertThat(err.toString()).contains("Docker is not usable").contains(docker.reason());
        }
    }

    @Test
    void itIsACommandOfTheCli() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("images");
    }
}
