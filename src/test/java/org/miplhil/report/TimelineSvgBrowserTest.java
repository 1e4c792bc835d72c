package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timeline in a real browser: Chromium renders it, and the picture shows the deadline colours. */
class TimelineSvgBrowserTest {

    @ParameterizedTest(name = "a {0} ms run renders in Chromium with green and red deadline bars")
    @ValueSource(longs = {200, 60_000})
    void rendersInChromium(long spanMs) throws Exception {
        Chromium chromium = Chromium.require();
        Path svg = TimelineSvgTest.writeSample(spanMs);
        Path png = svg.resolveSibling(svg.getFileName().toString().replace(".svg", ".png"));
        chromium.screenshot(svg.toAbsolutePath().toUri().toString(), png, 1400, 700, 0);

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG chromium wrote").isNotNull();
        assertThat(img.getWidth()).isEqualTo(1400);
        int green = 0;
        int red = 0;
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (g > r + 40 && g > b + 40) {
                    green++;
                }
                if (r > g + 60 && r > b + 60) {
                    red++;
                }
                if (r + g + b < 200) {
                    dark++;
                }
            }
        }
        assertThat(green).as("green pixels (deadlines met, OK replies)").isGreaterThan(300);
        assertThat(red).as("red pixels (deadline late or missed, error replies)").isGreaterThan(300);
        assertThat(dark).as("dark pixels (text: lane labels, axis, event lines)").isGreaterThan(1000);
    }
}
