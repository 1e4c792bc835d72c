package org.miplhil.release;

import java.nio.file.Path;

/**
 * The suite a DFOTA leg runs ({@code ./mipl-hil run}): suites/dfota/dfota.yaml's update case with the leg's
 * revisions and package. It asserts the revision the module reports before (ATI) and after the update (ATI and
 * the platform's read of /3/0/3), the URCs of 7.10.6 in order, the re-registration's 48 and the campaign's success.
 * Paths are written absolute, so the suite runs from wherever the release's output is.
 */
public final class DfotaSuite {

    /** The object the MCU application adds and answers for (as in suites/dfota). */
    public static final Path OBJECTS = Path.of("fixtures", "objects", "temperature-3303.yaml");

    private DfotaSuite() {
    }

    /** The suite's YAML text for {@code leg}; {@code release} names the release in the suite's title. */
    public static String text(DfotaLeg leg, String release, Path objects) {
        // 7.10.6: create, add an object, open (bootstrap, then registration)
        String register = String.join("\n", java.util.List.of(
                "- send: AT+MIPLCONFIG=0,1,1,\"${platform.bootstrap-host}\",${platform.bootstrap-port}",
                "- send: AT+MIPLCREATE",
                "  lines: [\"+MIPLCREATE: 0\"]",
                "- send: AT+MIPLADDOBJ=0,3303,1,\"1\",4,1",
                "- send: AT+MIPLOPEN=0,86400,30")) + "\n";
        return "# Written by ./mipl-hil qualify for the release's DFOTA stage (docs/qualification-release.md): the\n"
                + "# update case of suites/dfota/dfota.yaml with this leg's revisions and package.\n"
                + "suite: " + q("Release DFOTA " + leg.from() + " to " + leg.to()) + "\n"
                + "description: " + q(release + ": DFOTA from " + leg.from() + " to " + leg.to()
                + " through the embedded platform's campaign") + "\n"
                + "tags: [fota, release-dfota, doc:6.1]\n"
                + "requires: local-platform\n"
                + "fixtures:\n"
                + "  objects: " + q(objects.toAbsolutePath().normalize().toString()) + "\n"
                + "variables:\n"
                + "  from: " + q(leg.from()) + "\n"
                + "  to: " + q(leg.to()) + "\n"
                + "setup:\n"
                + register.indent(2)
                + "  - expect-urcs: [\"+MIPLEVENT: 0,1\", \"+MIPLEVENT: 0,2\", \"+MIPLEVENT: 0,4\", \"+MIPLEVENT: 0,6\"]\n"
                + "    within: 30s\n"
                + "teardown:\n"
                + "  - send: AT+MIPLCLOSE=0\n"
                + "    expect: any\n"
                + "  - send: AT+MIPLDELETE=0\n"
                + "    expect: any\n"
                + "cases:\n"
                + "  - name: " + q("DFOTA " + leg.from() + " to " + leg.to()
                + " - the module reports the revisions before and after, the campaign succeeds") + "\n"
                + "    tags: [doc:7.10.6, doc:6.3, +MIPLEVENT, +QIND]\n"
                + "    steps:\n"
                + "      - send: ATI\n"
                + "        lines: [Quectel_Ltd, Quectel_BC260Y-CN, \"Revision: ${from}\"]\n"
                + "      - fota:\n"
                + "          package: " + q(leg.pkg().toAbsolutePath().normalize().toString()) + "\n"
                + "          version: ${to}\n"
                + "      - expect-urcs:\n"
                + "          - \"+MIPLEVENT: 0,40\"\n"
                + "          - \"+MIPLEVENT: 0,42\"\n"
                + "          - \"+MIPLEVENT: 0,43\"\n"
                + "          - '+QIND: \"FOTA\",\"START\"'\n"
                + "          - 're:^\\+QIND: \"FOTA\",\"UPDATING\",100%?(,|$)'\n"
                + "          - RDY\n"
                + "          # END with any code: a failed update (255, 5.10) fails the campaign's check below at once\n"
                + "          - 're:^\\+QIND: \"FOTA\",\"END\",\\d+$'\n"
                + "        within: 120s\n"
                + "      - expect-urc: 're:^\\+IP: '\n"
                + "        within: 30s\n"
                + "      # 6.1.3: registered again, the module reports the result (48)\n"
                + register.indent(6)
                + "      - expect-urcs: [\"+MIPLEVENT: 0,1\", \"+MIPLEVENT: 0,2\", \"+MIPLEVENT: 0,4\","
                + " \"+MIPLEVENT: 0,6\"]\n"
                + "        within: 30s\n"
                + "      - expect-fota: succeeded\n"
                + "        within: 30s\n"
                + "      - expect-urc: \"+MIPLEVENT: 0,48\"\n"
                + "        within: 30s\n"
                + "      - send: ATI\n"
                + "        lines: [Quectel_Ltd, Quectel_BC260Y-CN, \"Revision: ${to}\"]\n"
                + "      # what the platform reads: the device object's firmware version\n"
                + "      - platform: read\n"
                + "        path: /3/0/3\n"
                + "      - expect-platform: response\n"
                + "        code: 2.05\n"
                + "        value: {string: \"${to}\"}\n"
                + "        within: 10s\n";
    }

    /** A YAML double-quoted scalar (JSON's escapes are YAML's). */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
