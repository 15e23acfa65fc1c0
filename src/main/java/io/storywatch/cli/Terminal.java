package io.storywatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stdout or stderr is an interactive terminal, to choose between redrawing in place and plain lines. */
final class Terminal {

    private Terminal() {
    }

    static boolean isStdout() {
        return isTerminal(1);
    }

    static boolean isStderr() {
        return isTerminal(2);
    }

    private static boolean isTerminal(int fd) {
        if (System.getenv("STORYWATCH_PLAIN") != null) {
            return false;
        }
        try {
            // Linux: a terminal is a tty or pty device; a pipe, file or socket is not.
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
