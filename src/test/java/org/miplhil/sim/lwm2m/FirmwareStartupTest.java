package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.Reply;
import org.miplhil.platform.leshan.LeshanPlatform;

/**
 * What real MCU firmware (a OneOS BC28 OneNET driver, a POSIX NB-IoT driver) sends before the MIPL commands: poll
 * AT+CGATT? until attached, AT+CSQ, AT+CIMI, AT+CEREG=2, AT+CGMR; then create, add an object and register with the
 * embedded platform until {@code +MIPLEVENT: 0,6}.
 */
class FirmwareStartupTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    private LeshanPlatform platform;
    private ModuleOverPty m;

    @AfterEach
    void tearDown() {
        if (m != null) {
            m.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theStartupOfRealFirmwareReachesRegistration() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).start();
        m = ModuleOverPty.start();

        await("+CGATT: 1").atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> m.ok("AT+CGATT?").line("+CGATT:").orElse("").equals("+CGATT: 1"));
        assertThat(m.ok("AT+CSQ").line("+CSQ:")).contains("+CSQ: 8,0");
        Reply imsi = m.ok("AT+CIMI");
        assertThat(imsi.lines()).containsExactly("460041234567890");
        m.ok("AT+CEREG=2");
        assertThat(m.ok("AT+CEREG?").line("+CEREG:")).contains("+CEREG: 2,1,\"1A2B\",\"00005BA0\",9");
        assertThat(m.ok("AT+CGMR").lines()).containsExactly("Revision: BC260YCNAAR01A03");

        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort());
        assertThat(m.ok("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0");
        m.ok("AT+MIPLADDOBJ=0,3303,1,\"1\",4,0");
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,6");
        await("registered at the platform").atMost(DEADLINE)
                .until(() -> platform.device(VirtualModuleLwm2mTest.ENDPOINT).isPresent());
    }

    @Test
    void aRadioOffLosesTheRegistrationSilentlyAndARadioOnRegistersAgain() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).start();
        m = ModuleOverPty.start();
        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort());
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3303,1,\"1\",4,0");
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,6");
        await("registered").atMost(DEADLINE).until(() -> platform.device(VirtualModuleLwm2mTest.ENDPOINT).isPresent());

        m.ok("AT+CFUN=0");
        assertThat(m.ok("AT+CGATT?").line("+CGATT:")).contains("+CGATT: 0");
        assertThat(m.session.send("AT+MIPLUPDATE=0,0,0").result().text()).isEqualTo("+CIS ERROR: 655"); // any.no-pdn
        // the platform heard no deregistration: the device is still there
        assertThat(platform.device(VirtualModuleLwm2mTest.ENDPOINT)).isPresent();

        m.ok("AT+CFUN=1");
        m.urc("\\+IP: 10\\.177\\.135\\.245");
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,6");
    }
}
