package org.miplhil.e2e;

import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;

import java.time.Duration;
import java.util.regex.MatchResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The MCU's side of 7.10.6 in DFOTA tests: commands that must answer OK, URCs within a deadline, registration. */
public final class FotaMcu {

    private final ModuleSession session;
    private final Duration within;

    public FotaMcu(ModuleSession session, Duration within) {
        this.session = session;
        this.within = within;
    }

    public Reply ok(String command) {
        Reply r = session.send(command);
        assertThat(r.isOk()).as("%s answered %s", command, r).isTrue();
        return r;
    }

    public UrcArrival<MatchResult> urc(String regex) {
        return session.expectUrc(regex, within);
    }

    /** 7.10.6: create, the MCU's object 3302, open without bootstrap at the platform's port: events 4 and 6. */
    public void register(int coapPort) {
        ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + coapPort);
        ok("AT+MIPLCREATE");
        ok("AT+MIPLADDOBJ=0,3302,1,\"1\",4,1");
        ok("AT+MIPLOPEN=0,84600");
        urc("\\+MIPLEVENT: 0,4");
        urc("\\+MIPLEVENT: 0,6");
    }
}
