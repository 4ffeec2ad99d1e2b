package dev.sparkpipeline.core.dataset;

import java.io.Serializable;

/**
 * How a dataset's CSV files are written.
 *
 * @param delimiter field separator
 * @param quote     quote character
 */
public record CsvOptions(char delimiter, char quote) implements Serializable {}
