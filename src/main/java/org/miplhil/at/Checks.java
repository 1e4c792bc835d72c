package org.miplhil.at;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Accumulates {@link Violation}s for one command or URC. */
final class Checks {

    private final List<Violation> out = new ArrayList<>();

    Checks range(int index, String name, long value, MiplRanges.Range range, String section) {
        if (!range.contains(value)) {
            out.add(new Violation(index, name, Violation.Rule.OUT_OF_RANGE,
                    "is " + value + ", must be " + range + " (" + section + ")"));
        }
        return this;
    }

    Checks range(int index, String name, OptionalInt value, MiplRanges.Range range, String section) {
        if (value.isPresent()) {
            range(index, name, value.getAsInt(), range, section);
        }
        return this;
    }

    Checks lifetime(int index, long lifetime, String section) {
        if (lifetime != 0 && !MiplRanges.LIFETIME.contains(lifetime)) {
            out.add(new Violation(index, "lifetime", Violation.Rule.OUT_OF_RANGE,
                    "is " + lifetime + ", must be 0 (meaning 3600 s) or " + MiplRanges.LIFETIME + " (" + section + ")"));
        }
        return this;
    }

    Checks result(int index, int result, RequestType request, String section) {
        if (!ResultCode.allowed(result, request)) {
            String allowed = request.answersWithContent() ? "1, 11..15" : "2, 11..14";
            out.add(new Violation(index, "result", Violation.Rule.RESULT_NOT_ALLOWED,
                    "is " + result + ", a " + request + " response takes " + allowed + " (" + section + ")"));
        }
        return this;
    }

    Checks add(Violation v) {
        out.add(v);
        return this;
    }

    Checks addAll(List<Violation> vs) {
        out.addAll(vs);
        return this;
    }

    List<Violation> list() {
        return List.copyOf(out);
    }
}
