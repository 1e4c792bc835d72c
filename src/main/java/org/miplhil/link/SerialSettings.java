package org.miplhil.link;

import java.util.Objects;

/**
 * How to open a serial port. Defaults: 115200 baud, 8 data bits, no parity, 1 stop bit, no flow control.
 *
 * @param device      the device path ({@code /dev/ttyUSB0}, a pty slave, a symlink to either)
 * @param baud        bits per second
 * @param dataBits    5 to 8
 * @param parity      parity bit
 * @param stopBits    stop bits
 * @param flowControl hardware, software or no flow control
 */
public record SerialSettings(String device, int baud, int dataBits, Parity parity, StopBits stopBits,
                             FlowControl flowControl) {

    public static final int DEFAULT_BAUD = 115_200;

    public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

    public enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    public enum FlowControl { NONE, RTS_CTS, XON_XOFF }

    public SerialSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
        if (device.isBlank()) {
            throw new IllegalArgumentException("serial device must not be empty");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5..8: " + dataBits);
        }
    }

    /** 115200 8N1, no flow control. */
    public static SerialSettings of(String device) {
        return builder(device).build();
    }

    public static SerialSettings of(String device, int baud) {
        return builder(device).baud(baud).build();
    }

    public static Builder builder(String device) {
        return new Builder(device);
    }

    public Builder toBuilder() {
        return new Builder(device).baud(baud).dataBits(dataBits).parity(parity).stopBits(stopBits)
                .flowControl(flowControl);
    }

    @Override
    public String toString() {
        return device + "@" + baud + " " + dataBits + parity.name().charAt(0)
                + switch (stopBits) {
                    case ONE -> "1";
                    case ONE_POINT_FIVE -> "1.5";
                    case TWO -> "2";
                }
                + (flowControl == FlowControl.NONE ? "" : " " + flowControl);
    }

    public static final class Builder {
        private final String device;
        private int baud = DEFAULT_BAUD;
        private int dataBits = 8;
        private Parity parity = Parity.NONE;
        private StopBits stopBits = StopBits.ONE;
        private FlowControl flowControl = FlowControl.NONE;

        private Builder(String device) {
            this.device = device;
        }

        public Builder baud(int baud) {
            this.baud = baud;
            return this;
        }

        public Builder dataBits(int dataBits) {
            this.dataBits = dataBits;
            return this;
        }

        public Builder parity(Parity parity) {
            this.parity = parity;
            return this;
        }

        public Builder stopBits(StopBits stopBits) {
            this.stopBits = stopBits;
            return this;
        }

        public Builder flowControl(FlowControl flowControl) {
            this.flowControl = flowControl;
            return this;
        }

        public SerialSettings build() {
            return new SerialSettings(device, baud, dataBits, parity, stopBits, flowControl);
        }
    }
}
