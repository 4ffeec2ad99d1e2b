package dev.sparkpipeline.local.lake;

import dev.sparkpipeline.core.engine.IcebergCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline stand-in for S3: a folder per bucket, {@code <lake>/<bucket>/<key>}
 * (default {@code .local-lake/}, git-ignored).
 *
 * @param root the lake folder
 */
public record LocalLake(Path root) {

    public LocalLake {
        root = root.toAbsolutePath().normalize();
    }

    /** The longest file name part the lake writes, in UTF-8 bytes: file systems allow 255. */
    static final int MAX_PART_BYTES = 200;
    /** Ends a folder that holds the first bytes of a longer key part: never in an escaped part, where % is %25. */
    private static final String CONTINUED = "%+";
    /** Begins a draft's name: no escaped key part begins so ({@code %} is always {@code %25}, {@code %00} or a whole part). */
    private static final String DRAFT = "%draft-";

    /**
     * Where an object lives: {@code <lake>/<bucket>/<key>}, one folder per {@code /}-separated part
     * of the key. S3 keys are flat strings, so parts a file system would read as a way out of the
     * bucket ({@code ..}, {@code .}, an empty part) are escaped, as are {@code %} and NUL, and a part
     * longer than a file name may be ({@value #MAX_PART_BYTES} bytes here) is split into folders
     * ending in {@code %+}: every key has its own file, none lies outside its bucket's folder, and
     * {@link #key} reads the key back.
     */
    public Path file(String bucket, String key) {
        Path file = bucketFolder(bucket);
        for (String part : key.split("/", -1)) {
            for (String piece : pieces(part(part))) {
                file = file.resolve(piece);
            }
        }
        return file;
    }

    /**
     * A new, empty file beside {@code target} to write before moving or linking it into place; its
     * name is no key's ({@link #isDraft}), so a draft a stopped runner leaves is never listed as an object.
     */
    public static Path draftBeside(Path target) throws IOException {
        return Files.createTempFile(target.getParent(), DRAFT, "");
    }

    /** Whether {@code file} is a draft ({@link #draftBeside}), not an object. */
    public static boolean isDraft(Path file) {
        return file.getFileName().toString().startsWith(DRAFT);
    }

    /** The key whose {@link #file} this is, in {@code bucket}. */
    public String key(String bucket, Path file) {
        Path relative = bucketFolder(bucket).relativize(file.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (Path name : relative) {
            String text = name.toString();
            if (text.endsWith(CONTINUED)) {
                part.append(text, 0, text.length() - CONTINUED.length());
                continue;
            }
            part.append(text);
            parts.add(unescape(part.toString()));
            part.setLength(0);
        }
        return String.join("/", parts);
    }

    /**
     * Where runs' HTML reports go, {@code <lake>/_reports}: no bucket's folder, as a bucket name
     * cannot begin with {@code _}.
     */
    public Path reports() {
        return root.resolve("_reports");
    }

    private Path bucketFolder(String bucket) {
        return root.resolve(part(bucket).replace("/", "%2F"));
    }

    private static String part(String text) {
        String escaped = text.replace("%", "%25").replace("\0", "%00");
        return switch (escaped) {
            case "" -> "%";
            case "." -> "%2E";
            case ".." -> "%2E%2E";
            default -> escaped;
        };
    }

    private static String unescape(String part) {
        return switch (part) {
            case "%" -> "";
            case "%2E" -> ".";
            case "%2E%2E" -> "..";
            default -> {
                StringBuilder out = new StringBuilder(part.length());
                for (int i = 0; i < part.length(); i++) {
                    if (part.startsWith("%25", i)) {
                        out.append('%');
                        i += 2;
                    } else if (part.startsWith("%00", i)) {
                        out.append('\0');
                        i += 2;
                    } else {
                        out.append(part.charAt(i));
                    }
                }
                yield out.toString();
            }
        };
    }

    /**
     * An escaped part as file names of at most {@value #MAX_PART_BYTES} bytes: all but the last end
     * in {@code %+}; the last keeps at least three bytes, so it can never read as {@code .} or {@code ..}.
     */
    private static List<String> pieces(String escaped) {
        if (escaped.getBytes(StandardCharsets.UTF_8).length <= MAX_PART_BYTES) {
            return List.of(escaped);
        }
        List<String> pieces = new ArrayList<>();
        int budget = MAX_PART_BYTES - CONTINUED.length();
        int start = 0;
        while (start < escaped.length()) {
            int end = start;
            int bytes = 0;
            while (end < escaped.length()) {
                int codePoint = escaped.codePointAt(end);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > budget) {
                    break;
                }
                bytes += size;
                end += Character.charCount(codePoint);
            }
            String rest = escaped.substring(end);
            if (rest.getBytes(StandardCharsets.UTF_8).length <= MAX_PART_BYTES && rest.length() >= 3) {
                pieces.add(escaped.substring(start, end) + CONTINUED);
                pieces.add(rest);
                return pieces;
            }
            if (rest.length() < 3) {
                // Leave the last piece three characters: move them out of this one.
                end = escaped.offsetByCodePoints(escaped.length(), -3);
                pieces.add(escaped.substring(start, end) + CONTINUED);
                pieces.add(escaped.substring(end));
                return pieces;
            }
            pieces.add(escaped.substring(start, end) + CONTINUED);
            start = end;
        }
        return pieces;
    }

    /** A {@code file://} URI for people and for {@code Path.of(URI)}, in place of {@code s3://bucket/key}. */
    public String uri(String bucket, String key) {
        return file(bucket, key).toUri().toString();
    }

    /**
     * The object as the curate job is given it: {@code file://} and the path as it is, not
     * percent-encoded, which Hadoop reads literally (as it reads an {@code s3://} key).
     */
    /** The Iceberg catalog of the tables in {@code bucket}: a Hadoop catalog whose warehouse is the bucket's folder. */
    public IcebergCatalog tables(String bucket) {
        return IcebergCatalog.hadoop("file://" + root.resolve(bucket));
    }

    public String jobPath(String bucket, String key) {
        return "file://" + file(bucket, key);
    }
}
