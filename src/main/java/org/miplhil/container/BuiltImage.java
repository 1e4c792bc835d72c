package org.miplhil.container;

import java.time.Duration;

/** An image of the project as {@link ImageBuilder} left it: its tag, whether it was built now, how long that took. */
public record BuiltImage(String tag, boolean built, Duration took) {

    public String describe() {
        return tag + (built ? " built in " : " reused in ") + took.toMillis() + " ms";
    }
}
