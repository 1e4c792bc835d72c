package org.miplhil.link;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PipeLinkTest {

    @Test
    void eachEndDeliversWhatTheOtherWrote() throws IOException {
        try (PipeLink.Pair pipe = PipeLink.pair()) {
            Collector a = new Collector();
            Collector b = new Collector();
            pipe.a().start(a);
            pipe.b().start(b);
            long writing = System.nanoTime();
            long sent = pipe.a().write("AT\r".getBytes(StandardCharsets.US_ASCII));
            pipe.b().write("OK".getBytes(StandardCharsets.US_ASCII));
            pipe.b().write("\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5)).until(() -> b.text().equals("AT\r") && a.text().equals("OK\r\n"));
            // the reader may stamp the chunk before write() returns (and takes its own time): the arrival
            // lies after the write began, and write() returns a time after it began too
            assertThat(sent).isGreaterThanOrEqualTo(writing);
            assertThat(b.chunks().get(0).nanoTime()).as("arrival of the chunk").isGreaterThanOrEqualTo(writing);
            assertThat(a.chunks()).hasSize(2);
            assertThat(a.readerThread.get()).isNotSameAs(b.readerThread.get());
        }
    }

    @Test
    void closingOneEndEndsBothReaders() throws IOException {
        PipeLink.Pair pipe = PipeLink.pair();
        Collector a = new Collector();
        Collector b = new Collector();
        pipe.a().start(a);
        pipe.b().start(b);
        pipe.a().close();
        await().atMost(Duration.ofSeconds(3)).until(() -> a.closed() && b.closed());
        assertThat(b.cause()).isNull();
        assertThat(pipe.b().isOpen()).isFalse();
        assertThatThrownBy(() -> pipe.b().write(new byte[] {1})).isInstanceOf(IOException.class);
    }

    @Test
    void aListenerThatThrowsEndsTheLinkWithThatCause() throws IOException {
        try (PipeLink.Pair pipe = PipeLink.pair()) {
            Collector seen = new Collector();
            pipe.b().start(new LinkListener() {
                @Override
                public void onChunk(Chunk chunk) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void onClosed(Throwable causeOrNull) {
                    seen.onClosed(causeOrNull);
                }
            });
            pipe.a().write(new byte[] {'x'});
            await().atMost(Duration.ofSeconds(3)).until(seen::closed);
            assertThat(seen.cause()).hasMessage("listener bug");
        }
    }

    @Test
    void startTwiceIsRefused() {
        try (PipeLink.Pair pipe = PipeLink.pair()) {
            pipe.a().start(new Collector());
            assertThatThrownBy(() -> pipe.a().start(new Collector())).isInstanceOf(IllegalStateException.class);
        }
    }
}
