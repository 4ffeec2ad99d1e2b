package dev.sparkpipeline.local.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files one {@code drop} lands, each with its landing key: a FILE is itself, a DIR every regular
 * file below it, in sorted order. Two files may not land under one key: the second would replace
 * the first before it got its fate.
 *
 * @param files the files, in the order they land
 */
record DropFiles(List<DroppedFile> files) {

    /**
     * One file to land.
     *
     * @param file the file on this machine
     * @param key  its landing key
     */
    record DroppedFile(Path file, String key) {}

    DropFiles {
        files = List.copyOf(files);
    }

    /**
     * The files {@code paths} name, keyed by {@code keys}; {@code key} (the {@code --key} option, or
     * null) is the key of a drop of one file.
     *
     * @throws PipelineLocal.UsageError for a path that cannot be read, a folder without files, a
     *     {@code --key} given for more than one file, or two files landing under one key
     */
    static DropFiles of(List<Path> paths, String key, LandingKeys keys) {
        List<DroppedFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> below = regularFilesBelow(path);
                if (below.isEmpty()) {
                    throw new PipelineLocal.UsageError(path + " holds no files to drop");
                }
                below.forEach(file -> files.add(new DroppedFile(file, keys.key(relativeName(path, file)))));
            } else if (Files.isRegularFile(path) && Files.isReadable(path)) {
                files.add(new DroppedFile(path, keys.key(path.getFileName().toString())));
            } else {
                throw new PipelineLocal.UsageError("cannot read " + path);
            }
        }
        if (key != null) {
            if (files.size() != 1) {
                throw new PipelineLocal.UsageError("--key names the key of one file; this drop has " + files.size());
            }
            return new DropFiles(List.of(new DroppedFile(files.get(0).file(), LandingKeys.checked(key))));
        }
        Map<String, Path> byKey = new HashMap<>();
        for (DroppedFile file : files) {
            Path other = byKey.putIfAbsent(file.key(), file.file());
            if (other != null) {
                throw new PipelineLocal.UsageError(
                        other + " and " + file.file() + " would both land as " + file.key() + "; drop them apart");
            }
        }
        return new DropFiles(files);
    }

    /** How many files land. */
    int size() {
        return files.size();
    }

    private static List<Path> regularFilesBelow(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            // Sorted by the path below the folder, part by part: the order a listing shows.
            return walk.filter(Files::isRegularFile)
                    .sorted((a, b) -> relativeName(folder, a).compareTo(relativeName(folder, b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The file's path below {@code folder}, {@code /}-separated as a key is. */
    private static String relativeName(Path folder, Path file) {
        List<String> parts = new ArrayList<>();
        folder.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
