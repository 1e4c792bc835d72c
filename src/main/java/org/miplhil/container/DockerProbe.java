package org.miplhil.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the engine {@code GET /version} on its socket with a deadline, without Testcontainers (whose own discovery
 * tries several strategies and can take minutes): {@link Containers#docker()} must answer in seconds.
 */
final class DockerProbe {

    static final Duration DEADLINE = Duration.ofSeconds(4);
    private static final Pattern VERSION = Pattern.compile("\"Version\"\\s*:\\s*\"([^\"]+)\"");

    private DockerProbe() {
    }

    static DockerStatus probe(Map<String, String> env) {
        String host = env.getOrDefault("DOCKER_HOST", "").trim();
        if (host.isEmpty()) {
            host = "unix:///var/run/docker.sock";
        }
        String where = host;
        FutureTask<DockerStatus> task = new FutureTask<>(() -> ask(where));
        Thread t = new Thread(task, "docker-probe");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            return DockerStatus.down("no answer from the Docker engine at " + where + " within "
                    + DEADLINE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DockerStatus.down("interrupted while asking the Docker engine at " + where);
        } catch (ExecutionException e) {
            return DockerStatus.down("Docker engine at " + where + ": " + e.getCause());
        }
    }

    private static DockerStatus ask(String host) {
        URI uri = URI.create(host);
        SocketChannel channel;
        try {
            if ("unix".equals(uri.getScheme())) {
                Path socket = Path.of(uri.getPath());
                if (!Files.exists(socket)) {
                    return DockerStatus.down("no Docker engine: " + socket + " does not exist (DOCKER_HOST "
                            + (System.getenv("DOCKER_HOST") == null ? "unset" : "=" + host)
                            + "; start dockerd, or apt-get install docker.io)");
                }
                if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
                    return DockerStatus.down("permission denied on " + socket
                            + " (add this user to the docker group, or run as root)");
                }
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(socket));
            } else if ("tcp".equals(uri.getScheme())) {
                channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            } else {
                return DockerStatus.down("DOCKER_HOST " + host + " is neither unix:// nor tcp://");
            }
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            return DockerStatus.down((m.contains("ermission") ? "permission denied on " : "no Docker engine at ")
                    + host + ": " + m);
        }
        try (channel) {
            channel.write(ByteBuffer.wrap(("GET /version HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (buf.hasRemaining() && channel.read(buf) >= 0) {
                // HTTP/1.0: the engine closes after the answer
            }
            String answer = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            if (!answer.startsWith("HTTP/1.") || !answer.substring(9, 12).equals("200")) {
                return DockerStatus.down("the Docker engine at " + host + " answered: "
                        + answer.lines().findFirst().orElse("nothing"));
            }
            Matcher m = VERSION.matcher(answer);
            return DockerStatus.up(m.find() ? m.group(1) : "(version unknown)");
        } catch (IOException e) {
            return DockerStatus.down("Docker engine at " + host + ": " + e.getMessage());
        }
    }
}
