package org.miplhil.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.miplhil.container.BuiltImage;
import org.miplhil.container.ContainerException;
import org.miplhil.container.Containers;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.LeshanDemoContainer;
import org.miplhil.container.ProjectImages;
import org.miplhil.container.Ser2netImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./mipl-hil images}: builds the project's images (none is ever pulled), printing each tag and its time. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"Builds the project's Docker images from src/main/docker/ and the running jar: mipl-hil/base "
                + "(FROM scratch: jlink runtime, shared libraries, busybox), mipl-hil/app, mipl-hil/platform, "
                + "mipl-hil/relay. Tags are content hashes: an unchanged image is reused, not rebuilt. Nothing is "
                + "ever pulled.",
                "Exit 0 when every image is there, 2 when Docker is not usable or a build fails."})
public final class ImagesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "Print the tags the images have or would have, building nothing "
            + "that is missing (a missing one is marked).")
    boolean list;

    @Option(names = "--all", description = "Also the lab's other images: mipl-hil/ser2net (Debian's ser2net from "
            + "this host, in front of a module's serial device) and mipl-hil/leshan-demo (the stock Leshan server "
            + "demo, an independent LwM2M server).")
    boolean all;

    @Option(names = "--prune", description = "After building, remove the older tags of these images (each build of "
            + "the code makes a new app image); images a container uses are kept.")
    boolean prune;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LibraryLogs.keepQuiet();
        DockerStatus docker = Containers.docker();
        if (!docker.available()) {
            err.println("images: Docker is not usable: " + docker.reason());
            return 2;
        }
        try {
            ProjectImages images = ProjectImages.ofRunningJar();
            if (list) {
                for (String line : images.list()) {
                    out.println(line);
                }
                return 0;
            }
            List<BuiltImage> built = new java.util.ArrayList<>(images.ensureAll());
            if (all) {
                built.add(Ser2netImage.ensure());
                built.add(LeshanDemoContainer.ensureImage());
            }
            for (BuiltImage b : built) {
                out.println(b.describe());
            }
            if (prune) {
                images.prune(built).forEach(out::println);
            }
            return 0;
        } catch (ContainerException e) {
            err.println("images: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
        }
    }
}
