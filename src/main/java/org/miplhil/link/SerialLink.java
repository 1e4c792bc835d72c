package org.miplhil.link;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * A serial port through jSerialComm: a UART, a USB adapter, or a pseudo-terminal slave.
 *
 * <p>The reader thread blocks in read(2) (semi-blocking mode without timeout: VMIN=1, VTIME=0), so a chunk is
 * timestamped as soon as the kernel hands it over; {@link #close()} makes the pending read return. Whatever the
 * OS buffered before the port was opened is discarded, as a UART that was not listening would have lost it.
 */
public final class SerialLink extends AbstractLink {

    private static final int READ_BUFFER = 4096;
    /** A blocking read that keeps returning nothing means the device went away (e.g. a USB adapter unplugged). */
    private static final int MAX_EMPTY_READS = 100;

    private final SerialSettings settings;
    private final SerialPort port;
    private final Object writeLock = new Object();

    private SerialLink(SerialSettings settings, SerialPort port) {
        super(settings.device());
        this.settings = settings;
        this.port = port;
    }

    /** Opens the port; the exception names the device and says why (missing, busy, permission). */
    public static SerialLink open(SerialSettings settings) throws IOException {
        String device = settings.device();
        Path path = Path.of(device);
        if (!Files.exists(path)) {
            throw new IOException("cannot open serial port " + device + ": no such device"
                    + (Files.isSymbolicLink(path) ? " (dangling symbolic link)" : ""));
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            throw new IOException("cannot open serial port " + device + ": permission denied" + groupHint(path));
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("cannot open serial port " + device + ": not a usable device", e);
        }
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings), parity(settings));
        port.setFlowControl(switch (settings.flowControl()) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTS_CTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XON_XOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        });
        // VMIN=1, VTIME=0: read(2) sleeps until at least one byte is there
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 0, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + device + ": " + openFailure(port.getLastErrorCode(), path));
        }
        port.flushIOBuffers();
        return new SerialLink(settings, port);
    }

    public static SerialLink open(String device) throws IOException {
        return open(SerialSettings.of(device));
    }

    private static String openFailure(int errno, Path path) {
        return switch (errno) {
            case 2 -> "already open in this program, or gone";
            case 6, 19 -> "no such device (unplugged?)";
            case 11, 16 -> "busy: another program holds it open (exclusive lock)";
            case 13, 1 -> "permission denied" + groupHint(path);
            default -> LibC.describe(errno);
        };
    }

    private static String groupHint(Path path) {
        try {
            String group = Files.readAttributes(path, PosixFileAttributes.class).group().getName();
            return " (the device belongs to group '" + group + "')";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static int stopBits(SerialSettings settings) {
        return switch (settings.stopBits()) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(SerialSettings settings) {
        return switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    public SerialSettings settings() {
        return settings;
    }

    @Override
    protected void readLoop(LinkListener listener) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        int emptyReads = 0;
        while (!isClosing()) {
            int count = port.readBytes(buffer, buffer.length);
            long now = System.nanoTime();
            if (count > 0) {
                emptyReads = 0;
                deliver(listener, buffer, count, now);
            } else if (isClosing()) {
                return;
            } else if (count < 0) {
                throw new IOException(name() + ": read failed: " + LibC.describe(port.getLastErrorCode()));
            } else if (++emptyReads >= MAX_EMPTY_READS) {
                throw new IOException(name() + ": the device stopped delivering data (end of file)");
            }
        }
    }

    @Override
    public long write(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            if (isClosing()) {
                throw new IOException(name() + " is closed");
            }
            int written;
            WriteWatchdog.Guard guard = WriteWatchdog.guard(this);
            try (guard) {
                written = port.writeBytes(bytes, bytes.length);
            }
            if (written != bytes.length) {
                String why = guard.fired() ? guard.reason() : LibC.describe(port.getLastErrorCode());
                throw new IOException(name() + ": write failed after " + Math.max(written, 0) + " of " + bytes.length
                        + " bytes: " + why);
            }
            return System.nanoTime();
        }
    }

    @Override
    protected void interruptReader() {
        // jSerialComm switches the descriptor to non-blocking before closing it, which ends a pending read
        port.closePort();
    }

    @Override
    protected void release() {
        port.closePort();
    }
}
