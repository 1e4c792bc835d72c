package org.miplhil.suite.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The DFOTA flow of 6.1 and 7.10.6 with one cut, written as a suite: register (7.10.6: create, add an object, open,
 * events 1, 2, 4, 6), start the platform's campaign, cut where the run says, and expect what 6.2 says follows:
 * <ul>
 * <li>no cut: 40, 42, 43, START, UPDATING ..., RDY, +CFUN: 1, END 0; registered again, 48; the campaign succeeds;</li>
 * <li>downloading or downloaded: after power returns the module is idle and reports nothing (no FOTA URC); the
 *     campaign does not succeed (it times out);</li>
 * <li>updating: the update goes on after power returns, END 0, then 48 once registered again; the campaign
 *     succeeds;</li>
 * <li>just after END: the result is reported once registered again (48); the campaign succeeds.</li>
 * </ul>
 */
public record DfotaScenario(Path profile, Path objects, Path packageFile, String version, Duration download,
                            Duration phaseTimeout) implements Scenario {

    private static final String REGISTER = """
              - send: AT+MIPLCONFIG=0,1,1,"${platform.bootstrap-host}",${platform.bootstrap-port}
              - send: AT+MIPLCREATE
                lines: ["+MIPLCREATE: 0"]
              - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
              - send: AT+MIPLOPEN=0,86400,30
              - expect-urcs: ["+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6"]
                within: 30s
            """;

    /** Any FOTA URC of 6.3: after a cut while downloading or downloaded, none may come. */
    static final String ANY_FOTA_URC = "'re:^(\\+MIPLEVENT: 0,(4[0-3]|4[89])|\\+QIND: \"FOTA\")'";

    @Override
    public String suite(int run, int runs, DfotaSoak.Cut cut) {
        StringBuilder b = new StringBuilder();
        b.append("# run ").append(run).append(" of ").append(runs).append(" of a DFOTA soak: ").append(cut.describe())
                .append('\n');
        // a suite per run: the JUnit XML and the transcripts of each run stay apart
        b.append("suite: ").append(q(String.format(Locale.ROOT, "DFOTA soak run %02d of %d", run, runs))).append('\n');
        b.append("fixtures:\n  objects: ").append(q(objects)).append("\n  profile: ").append(q(profile)).append('\n');
        // the harness starts the campaign: OneNET creates LwM2M FOTA tasks in its console only
        b.append("requires: local-platform\n");
        b.append("setup:\n").append(REGISTER);
        b.append("teardown:\n  - send: AT+MIPLCLOSE=0\n    expect: any\n  - send: AT+MIPLDELETE=0\n    expect: any\n");
        b.append("cases:\n");
        b.append("  - name: ").append(q(String.format(Locale.ROOT, "run %02d: %s", run, cut.describe()))).append('\n');
        b.append("    tags: [soak, fota, doc:6.2]\n");
        b.append("    steps:\n");
        b.append("      - fota:\n          package: ").append(q(packageFile)).append("\n          version: ")
                .append(q(version)).append("\n          phase-timeout: ").append(phaseTimeout.toMillis()).append("ms\n");
        String wait = (phaseTimeout.toMillis() * 3) + "ms";
        if (cut instanceof DfotaSoak.Cut.None) {
            b.append(steps("""
                    - expect-urcs: ["+MIPLEVENT: 0,40", "+MIPLEVENT: 0,42", "+MIPLEVENT: 0,43", '+QIND: "FOTA","START"',
                                    're:^\\+QIND: "FOTA","UPDATING",100', RDY, "+CFUN: 1", '+QIND: "FOTA","END",0']
                      within: WAIT
                    - expect-urc: 're:^\\+IP: '
                      within: 30s
                    """ + REGISTER.stripTrailing().stripIndent() + "\n" + """
                    - expect-urc: "+MIPLEVENT: 0,48"
                      within: 30s
                    - expect-fota: succeeded
                      within: WAIT
                    """, wait));
        } else if (cut instanceof DfotaSoak.Cut.Downloading d) {
            b.append(steps("""
                    - power: cycle
                      cut-at: fota:downloading
                      within: WAIT
                      after: AFTERms
                      for: 500ms
                      recover: setup
                      ready-within: 30s
                    - expect-no-urc: ANY
                      during: 2s
                    - expect-fota: [timed-out, failed]
                      within: WAIT
                    """.replace("AFTER", Long.toString(d.after().toMillis())), wait));
        } else if (cut instanceof DfotaSoak.Cut.Downloaded) {
            b.append(steps("""
                    - power: cycle
                      cut-at: fota:downloaded
                      within: WAIT
                      for: 500ms
                      recover: setup
                      ready-within: 30s
                    - expect-no-urc: ANY
                      during: 2s
                    - expect-fota: [timed-out, failed]
                      within: WAIT
                    """, wait));
        } else if (cut instanceof DfotaSoak.Cut.Updating u) {
            b.append(steps("""
                    - power: cycle
                      cut-at: fota:updating:PERCENT%
                      within: WAIT
                      for: 500ms
                      recover: setup
                      ready-within: WAIT
                    - expect-urcs: ['+QIND: "FOTA","END",0', "+MIPLEVENT: 0,48"]
                      within: 30s
                    - expect-fota: succeeded
                      within: WAIT
                    """.replace("PERCENT", Integer.toString(u.percent())), wait));
        } else {
            b.append(steps("""
                    - power: cycle
                      cut-at: '+QIND: "FOTA","END",0'
                      within: WAIT
                      for: 500ms
                      recover: setup
                      ready-within: 30s
                    - expect-urc: "+MIPLEVENT: 0,48"
                      within: 30s
                    - expect-fota: succeeded
                      within: WAIT
                    """, wait));
        }
        return b.toString();
    }

    private static String steps(String text, String wait) {
        return text.replace("WAIT", wait).replace("ANY", ANY_FOTA_URC).stripTrailing().indent(6);
    }

    private static String q(Object o) {
        return "'" + o.toString().replace("'", "''") + "'";
    }
}
