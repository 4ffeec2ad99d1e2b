package dev.sparkpipeline.local.cli;

/** A text bar over a drop's files: {@code [#########...........]  45/100 files}. */
final class ProgressBar {

    /** How many characters the bar itself is wide. */
    static final int WIDTH = 30;

    private ProgressBar() {}

    /** The bar of {@code done} out of {@code total} files. */
    static String line(int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
        return "  [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " files";
    }
}
