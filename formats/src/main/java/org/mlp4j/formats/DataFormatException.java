package org.mlp4j.formats;

/**
 * Bad input: a file that is not what it claims, or not what we can read. The message always names the file,
 * the position (byte offset, or line and column, or a JSON field) and what was expected versus found, e.g.
 * {@code train-images-idx3-ubyte: byte 0: expected IDX magic 0x0000 followed by a type code, found 0x4d5a9000}.
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String position;

    /**
     * @param file     the file's name or path as the user gave it
     * @param position where in it: {@code "byte 31"}, {@code "line 4, column 7"}, {@code "field layers[1].weights"}
     * @param message  what was expected and what was found
     */
    public DataFormatException(String file, String position, String message) {
        super(file + ": " + position + ": " + message);
        this.file = file;
        this.position = position;
    }

    /** As the three-argument constructor, with the low-level failure that revealed the problem. */
    public DataFormatException(String file, String position, String message, Throwable cause) {
        super(file + ": " + position + ": " + message, cause);
        this.file = file;
        this.position = position;
    }

    /** Where the problem is, as given: {@code "byte 31"}, {@code "line 4, column 7"}, … */
    public String position() {
        return position;
    }

    /** The file's name or path as the user gave it. */
    public String file() {
        return file;
    }

    /** {@code "byte N"}. */
    public static String atByte(long offset) {
        return "byte " + offset;
    }

    /** {@code "line L, column C"} (both 1-based). */
    public static String atLine(long line, long column) {
        return "line " + line + ", column " + column;
    }
}
