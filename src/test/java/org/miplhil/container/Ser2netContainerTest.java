package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.miplhil.link.SerialSettings;
import org.miplhil.link.SerialSettings.FlowControl;
import org.miplhil.link.SerialSettings.Parity;
import org.miplhil.link.SerialSettings.StopBits;

/** The pure parts of the ser2net container: its configuration, readiness and image files (no Docker). */
class Ser2netContainerTest {

    @Test
    void theConfigIsOneRawTcpAccepterInFrontOfTheDevice() throws Exception {
        assertThat(Ser2netContainer.config(SerialSettings.of("/dev/pts/7"), 2000)).isEqualTo("""
                %YAML 1.1
                ---
                connection: &module
                  accepter: tcp,2000
                  connector: serialdev,/dev/ttyMODULE,115200n81,local
                  options:
                    kickolduser: true
                    max-connections: 1
                """);
    }

    @Test
    void serialSettingsBecomeSerialdevOptions() throws Exception {
        assertThat(Ser2netContainer.serialOptions(SerialSettings.builder("/dev/ttyUSB0").baud(9600).dataBits(7)
                .parity(Parity.EVEN).stopBits(StopBits.TWO).flowControl(FlowControl.RTS_CTS).build()))
                .isEqualTo("9600e72,local,rtscts");
        assertThat(Ser2netContainer.serialOptions(SerialSettings.builder("/dev/ttyS0").parity(Parity.ODD)
                .flowControl(FlowControl.XON_XOFF).build())).isEqualTo("115200o81,local,xonxoff");
        assertThatThrownBy(() -> Ser2netContainer.serialOptions(SerialSettings.builder("/dev/ttyS0")
                .stopBits(StopBits.ONE_POINT_FIVE).build()))
                .isInstanceOf(ContainerException.class).hasMessageContaining("no 1.5 stop bits");
    }

    @Test
    void listeningIsReadFromProcNetTcp() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:07D0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
                """;
        assertThat(Ser2netContainer.listens(tcp, 2000)).isTrue();
        assertThat(Ser2netContainer.listens(tcp, 2001)).isFalse();
        // an established connection on the port is not a listener
        assertThat(Ser2netContainer.listens(tcp.replace(" 0A ", " 01 "), 2000)).isFalse();
        assertThat(Ser2netContainer.listens("", 2000)).isFalse();
    }

    @Test
    void onlyPtySlavesAreBindMounted() {
        assertThat(Ser2netContainer.isPtySlave(Path.of("/dev/pts/3"))).isTrue();
        assertThat(Ser2netContainer.isPtySlave(Path.of("/dev/pts/ptmx"))).isFalse();
        assertThat(Ser2netContainer.isPtySlave(Path.of("/dev/ttyUSB0"))).isFalse();
    }
}
