package org.miplhil.link;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair: the master side is a {@link Link} for the virtual module, the slave side a device path
 * ({@link #slavePath()}) that any serial program opens like a UART.
 *
 * <p>The slave is put in raw mode at creation, and one slave descriptor stays open for the pair's lifetime so
 * that a client may close the port and reopen it without the master seeing a hang-up.
 */
public final class PtyPair implements AutoCloseable {

    /** How long a master write may wait for the client to drain the pty buffer before giving up. */
    static final long WRITE_STALL_MILLIS = 5_000;

    private final Path slavePath;
    private final int slaveFd;
    private final MasterLink master;
    private final List<Path> symlinks = new ArrayList<>();
    private boolean closed;

    private PtyPair(Path slavePath, int slaveFd, MasterLink master) {
        this.slavePath = slavePath;
        this.slaveFd = slaveFd;
        this.master = master;
    }

    /** Opens a new pair (Linux). */
    public static PtyPair open() throws IOException {
        if (!Platform.isLinux()) {
            throw new IOException("pseudo-terminal pairs are implemented for Linux only, not " + System.getProperty("os.name"));
        }
        int masterFd = -1;
        int slaveFd = -1;
        int[] wake = {-1, -1};
        try {
            masterFd = LibC.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            LibC.grantpt(masterFd);
            LibC.unlockpt(masterFd);
            byte[] name = new byte[128];
            int err = LibC.ptsname_r(masterFd, name, new NativeLong(name.length));
            if (err != 0) {
                throw new IOException("ptsname_r failed: " + LibC.describe(err));
            }
            Path slave = Path.of(cString(name));
            slaveFd = LibC.open(slave.toString(), LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            byte[] termios = new byte[LibC.TERMIOS_BUFFER];
            LibC.tcgetattr(slaveFd, termios);
            LibC.cfmakeraw(termios);
            LibC.tcsetattr(slaveFd, LibC.TCSANOW, termios);
            LibC.pipe2(wake, LibC.O_CLOEXEC | LibC.O_NONBLOCK);
            MasterLink master = new MasterLink("pty:" + slave, masterFd, wake[0], wake[1]);
            return new PtyPair(slave, slaveFd, master);
        } catch (LastErrorException e) {
            LibC.closeQuietly(wake[0]);
            LibC.closeQuietly(wake[1]);
            LibC.closeQuietly(slaveFd);
            LibC.closeQuietly(masterFd);
            throw new IOException("cannot create a pseudo-terminal pair: " + LibC.describe(e), e);
        } catch (IOException e) {
            LibC.closeQuietly(slaveFd);
            LibC.closeQuietly(masterFd);
            throw e;
        }
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /** The module's side: what it writes, a client of {@link #slavePath()} reads, and the other way round. */
    public Link master() {
        return master;
    }

    /** The device a client opens, e.g. {@code /dev/pts/7}. */
    public Path slavePath() {
        return slavePath;
    }

    /**
     * Makes {@code at} a symbolic link to the slave device (replacing whatever file or link was there);
     * {@link #close()} removes it.
     */
    public synchronized Path link(Path at) throws IOException {
        if (closed) {
            throw new IOException("pseudo-terminal " + slavePath + " is closed");
        }
        Path absolute = at.toAbsolutePath();
        if (Files.isDirectory(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot link " + absolute + " to " + slavePath + ": it is a directory");
        }
        Files.deleteIfExists(absolute);
        Files.createSymbolicLink(absolute, slavePath);
        symlinks.add(absolute);
        return absolute;
    }

    /** Closes the master (ending its reader thread), the kept slave descriptor, and removes the symlinks. */
    @Override
    public void close() {
        master.close();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            LibC.closeQuietly(slaveFd);
            for (Path link : symlinks) {
                try {
                    // only remove it if it still points to this pair (another pair may have taken the name)
                    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(slavePath)) {
                        Files.delete(link);
                    }
                } catch (IOException ignored) {
                    // close never throws; a stale link is replaced by the next link()
                }
            }
        }
    }

    @Override
    public String toString() {
        return "PtyPair[" + slavePath + "]";
    }

    /**
     * The master side. The reader blocks in poll(2) on the master and on a wake-up pipe that close() writes to,
     * so it sleeps without a timeout and still stops at once.
     */
    private static final class MasterLink extends AbstractLink {

        private static final int READ_BUFFER = 8192;

        private final int masterFd;
        private final int wakeReadFd;
        private final int wakeWriteFd;
        private final Object writeLock = new Object();

        MasterLink(String name, int masterFd, int wakeReadFd, int wakeWriteFd) {
            super(name);
            this.masterFd = masterFd;
            this.wakeReadFd = wakeReadFd;
            this.wakeWriteFd = wakeWriteFd;
        }

        @Override
        protected void readLoop(LinkListener listener) throws IOException {
            Memory fds = pollSet(LibC.POLLIN);
            byte[] buffer = new byte[READ_BUFFER];
            NativeLong capacity = new NativeLong(buffer.length);
            while (!isClosing()) {
                if (!awaitEvent(fds, -1)) {
                    return; // woken by close()
                }
                short revents = fds.getShort(6);
                if ((revents & LibC.POLLNVAL) != 0) {
                    throw new IOException(name() + ": descriptor no longer valid");
                }
                long count;
                try {
                    count = LibC.read(masterFd, buffer, capacity).longValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
                        continue;
                    }
                    throw new IOException(name() + ": read failed: " + LibC.describe(e), e);
                }
                long now = System.nanoTime();
                if (count == 0) {
                    return;
                }
                deliver(listener, buffer, (int) count, now);
            }
        }

        private Memory pollSet(short events) {
            Memory fds = new Memory(2L * LibC.POLLFD_SIZE);
            fds.setInt(0, masterFd);
            fds.setShort(4, events);
            fds.setInt(LibC.POLLFD_SIZE, wakeReadFd);
            fds.setShort(LibC.POLLFD_SIZE + 4, LibC.POLLIN);
            return fds;
        }

        /**
         * Waits for an event on the master; false when close() woke us instead, or the timeout passed
         * (-1 waits without one).
         */
        private boolean awaitEvent(Memory fds, int timeoutMillis) throws IOException {
            while (true) {
                fds.setShort(6, (short) 0);
                fds.setShort(LibC.POLLFD_SIZE + 6, (short) 0);
                int ready;
                try {
                    ready = LibC.poll(fds, new NativeLong(2), timeoutMillis);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EINTR) {
                        continue;
                    }
                    throw new IOException(name() + ": poll failed: " + LibC.describe(e), e);
                }
                if (ready == 0 || fds.getShort(LibC.POLLFD_SIZE + 6) != 0 || isClosing()) {
                    return false;
                }
                return true;
            }
        }

        @Override
        public long write(byte[] bytes) throws IOException {
            synchronized (writeLock) {
                if (isClosing()) {
                    throw new IOException(name() + " is closed");
                }
                int offset = 0;
                Memory fds = null;
                while (offset < bytes.length) {
                    byte[] rest = offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, bytes.length);
                    try {
                        offset += (int) LibC.write(masterFd, rest, new NativeLong(rest.length)).longValue();
                    } catch (LastErrorException e) {
                        if (e.getErrorCode() == LibC.EINTR) {
                            continue;
                        }
                        if (e.getErrorCode() != LibC.EAGAIN) {
                            throw new IOException(name() + ": write failed: " + LibC.describe(e), e);
                        }
                        // the pty buffer is full: wait (bounded) for the client to read
                        if (fds == null) {
                            fds = pollSet(LibC.POLLOUT);
                        }
                        long start = System.nanoTime();
                        if (!awaitEvent(fds, (int) WRITE_STALL_MILLIS)) {
                            if (isClosing()) {
                                throw new IOException(name() + " closed during a write (" + offset + " of "
                                        + bytes.length + " bytes written)");
                            }
                            throw new IOException(name() + ": nobody reads the other side; " + offset + " of "
                                    + bytes.length + " bytes written after waiting "
                                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
                        }
                    }
                }
                return System.nanoTime();
            }
        }

        @Override
        protected void interruptReader() {
            try {
                LibC.write(wakeWriteFd, new byte[] {1}, new NativeLong(1));
            } catch (LastErrorException ignored) {
                // a full wake pipe already wakes everyone
            }
        }

        @Override
        protected void release() {
            synchronized (writeLock) {
                LibC.closeQuietly(masterFd);
                LibC.closeQuietly(wakeReadFd);
                LibC.closeQuietly(wakeWriteFd);
            }
        }
    }
}
