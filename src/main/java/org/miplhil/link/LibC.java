package org.miplhil.link;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** The few libc calls a pseudo-terminal needs (JNA direct mapping; Linux values of the constants). */
final class LibC {

    static final int O_RDWR = 02;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;

    static final int TCSANOW = 0;
    static final int TCIFLUSH = 0;

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    /** sizeof(struct pollfd): int fd; short events; short revents. */
    static final int POLLFD_SIZE = 8;

    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;

    /** Larger than any struct termios (60 bytes on glibc): the layout is never read, only passed along. */
    static final int TERMIOS_BUFFER = 256;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native int posix_openpt(int flags) throws LastErrorException;

    static native int grantpt(int fd) throws LastErrorException;

    static native int unlockpt(int fd) throws LastErrorException;

    /** Returns 0 or an error number (not errno). */
    static native int ptsname_r(int fd, byte[] buf, NativeLong buflen);

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    static native void cfmakeraw(byte[] termios);

    static native int tcsetattr(int fd, int optionalActions, byte[] termios) throws LastErrorException;

    static native int tcflush(int fd, int queueSelector) throws LastErrorException;

    static native NativeLong read(int fd, byte[] buf, NativeLong count) throws LastErrorException;

    static native NativeLong write(int fd, byte[] buf, NativeLong count) throws LastErrorException;

    static native int poll(Pointer fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native String strerror(int errnum);

    static String describe(LastErrorException e) {
        return describe(e.getErrorCode());
    }

    static String describe(int errno) {
        String text;
        try {
            text = strerror(errno);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // EINTR on close still releases the descriptor on Linux; nothing else to do
        }
    }
}
