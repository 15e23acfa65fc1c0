package io.storywatch.cli;

import java.io.PrintWriter;

/** Shows how far a feed has got: a bar redrawn in place on a terminal, a line every few seconds elsewhere. */
final class Progress {

    private static final int WIDTH = 30;
    private static final long BAR_INTERVAL_NANOS = 100_000_000L;
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final long totalBytes;
    private long lastShown = System.nanoTime();

    Progress(PrintWriter out, boolean terminal, long totalBytes) {
        this.out = out;
        this.terminal = terminal;
        this.totalBytes = totalBytes;
    }

    void show(long sent, long failed, long bytesDone) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        print(sent, failed, bytesDone, false);
    }

    void done(long sent, long failed, long bytesDone) {
        print(sent, failed, bytesDone, true);
    }

    private void print(long sent, long failed, long bytesDone, boolean last) {
        int percent = totalBytes == 0 ? 100 : (int) Math.min(100, bytesDone * 100 / totalBytes);
        String counts = String.format("%3d%%  sent %d  failed %d", percent, sent, failed);
        if (terminal) {
            int filled = percent * WIDTH / 100;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + counts + (last ? "\n" : ""));
        } else if (!last) {
            out.println("feed: " + counts);
        }
        out.flush();
    }
}
