package org.miplhil.platform.fota.lwm2m;

import java.util.List;
import java.util.OptionalLong;

import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;

/** How the campaign reads the values in the device's answers, and says an answer in a step. */
final class CampaignValues {

    private CampaignValues() {
    }

    static OptionalLong integerOf(PlatformResult r) {
        if (r instanceof PlatformResult.Answered a && a.singleValue().isPresent()) {
            return integer(a.singleValue().get());
        }
        return OptionalLong.empty();
    }

    static OptionalLong valueOf(List<ResourceData> values, NodePath path) {
        for (ResourceData d : values) {
            if (d.path().equals(path)) {
                return integer(d.value());
            }
        }
        return OptionalLong.empty();
    }

    static OptionalLong integer(ResourceValue v) {
        if (v instanceof ResourceValue.IntegerValue i) {
            return OptionalLong.of(i.value());
        }
        try {
            return OptionalLong.of(Long.parseLong(v.text().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static String describe(PlatformResult r) {
        if (r instanceof PlatformResult.Answered a) {
            String values = a.singleValue().map(v -> "\"" + v.text() + "\"").orElse("");
            return a.code().dotted() + (values.isEmpty() ? "" : " " + values)
                    + (a.diagnostic().isEmpty() ? "" : " (" + a.diagnostic() + ")");
        }
        return r.toString();
    }
}
