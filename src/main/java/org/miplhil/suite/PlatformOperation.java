package org.miplhil.suite;

import java.util.Map;
import java.util.Optional;

/** What the platform does to the device in a {@code platform} step; each leads to a URC of chapter 5. */
public sealed interface PlatformOperation {

    LwM2mPath path();

    /** The operation's word in a suite. */
    String word();

    /** {@code +MIPLDISCOVER} (5.1). */
    record Discover(LwM2mPath path) implements PlatformOperation {
        @Override
        public String word() {
            return "discover";
        }
    }

    /** {@code +MIPLOBSERVE} with flag 1 (5.2), optionally with attributes. */
    record Observe(LwM2mPath path, Attributes attributes) implements PlatformOperation {
        @Override
        public String word() {
            return "observe";
        }
    }

    /** {@code +MIPLOBSERVE} with flag 0: cancels the observation of the path. */
    record Cancel(LwM2mPath path) implements PlatformOperation {
        @Override
        public String word() {
            return "cancel";
        }
    }

    /** {@code +MIPLREAD} (5.3) of an object, an instance or a resource. */
    record Read(LwM2mPath path) implements PlatformOperation {
        @Override
        public String word() {
            return "read";
        }
    }

    /**
     * {@code +MIPLWRITE} (5.4): one resource, or several resources of an instance (one URC each, index counting
     * down). Keys of {@code values} are resource paths.
     */
    record Write(LwM2mPath path, WriteMode mode, Map<LwM2mPath, TypedValue> values) implements PlatformOperation {
        public Write {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        @Override
        public String word() {
            return "write";
        }
    }

    /** {@code +MIPLEXECUTE} (5.5), with arguments or none. */
    record Execute(LwM2mPath path, Optional<Template> args) implements PlatformOperation {
        @Override
        public String word() {
            return "execute";
        }
    }

    /** {@code +MIPLPARAMETER} (5.6). */
    record WriteAttributes(LwM2mPath path, Attributes attributes) implements PlatformOperation {
        @Override
        public String word() {
            return "write-attributes";
        }
    }

    /** LwM2M write on an instance: replace every resource (PUT) or update the given ones (POST). */
    enum WriteMode {
        REPLACE, PARTIAL
    }
}
