package org.mlp4j.formats.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.ReadOptions;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Dataset read(String content) throws IOException {
        return read(content, ReadOptions.defaults());
    }

    private Dataset read(String content, ReadOptions options) throws IOException {
        return CsvReader.read(csv("data.csv", content), options);
    }

    private DataFormatException failure(String content) {
        return failure(content, ReadOptions.defaults());
    }

    private DataFormatException failure(String content, ReadOptions options) {
        return assertThrows(DataFormatException.class, () -> read(content, options));
    }

    @Test
    void withoutHeaderTheFirstColumnIsTheLabel() throws IOException {
        Dataset d = read("5,0,255\n0,12,3\n");
        assertEquals(2, d.rows());
        assertEquals(2, d.featureCount());
        assertArrayEquals(new float[] {0, 255, 12, 3}, d.features());
        assertArrayEquals(new int[] {5, 0}, d.labels());
        assertEquals(6, d.classCount()); // 0..5
    }

    @Test
    void headerIsDetectedAndItsLabelColumnUsedWherever() throws IOException {
        Dataset d = read("a,label,b\n1,1,2\n3,0,4\n");
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features());
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void headerWithoutLabelColumnReadsFeaturesOnlyLikeKaggleTestCsv() throws IOException {
        Dataset d = read("pixel0,pixel1,pixel2\n0,1,2\n3,4,5\n");
        assertFalse(d.hasTargets());
        assertEquals(3, d.featureCount());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, d.features());
    }

    @Test
    void labelColumnByIndexByNameAndLast() throws IOException {
        String noHeader = "1,2,0\n3,4,1\n";
        assertArrayEquals(new int[] {0, 1}, read(noHeader, ReadOptions.defaults().withLabelColumn("last")).labels());
        assertArrayEquals(new int[] {0, 1}, read(noHeader, ReadOptions.defaults().withLabelColumn("-1")).labels());
        assertArrayEquals(new int[] {2, 4}, read(noHeader, ReadOptions.defaults().withLabelColumn("1")).labels());
        Dataset byName = read("x,y,digit\n1,2,7\n", ReadOptions.defaults().withLabelColumn("digit"));
        assertArrayEquals(new int[] {7}, byName.labels());
        assertArrayEquals(new float[] {1, 2}, byName.features());
    }

    @Test
    void labelColumnNoneReadsEveryColumnAsFeature() throws IOException {
        Dataset d = read("1,2\n3,4\n", ReadOptions.defaults().withLabelColumn("none"));
        assertFalse(d.hasTargets());
        assertEquals(2, d.featureCount());
    }

    @Test
    void targetColumnsMakeARegressionSet() throws IOException {
        Dataset d = read("x1,y,x2,z\n1,0.5,2,-1\n3,1.5,4,-2\n", ReadOptions.defaults().withTargetColumns(List.of("y", "3")));
        assertFalse(d.isClassification());
        assertEquals(2, d.targetWidth());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features());
        assertArrayEquals(new float[] {0.5f, -1, 1.5f, -2}, d.targets());
    }

    @Test
    void decimalsExponentsAndSignsParse() throws IOException {
        Dataset d = read("0,-1.5,+2e3,.25,1E-2,-0\n", ReadOptions.defaults().withLabelColumn("none"));
        assertArrayEquals(new float[] {0, -1.5f, 2000, 0.25f, 0.01f, -0f}, d.features());
    }

    @Test
    void quotedCellsAndSpacesAroundCellsAreAccepted() throws IOException {
        Dataset d = read("\"label\",\"a\", \"b\"\n\"3\", \"1.5\" , 2\n");
        assertArrayEquals(new float[] {1.5f, 2}, d.features());
        assertArrayEquals(new int[] {3}, d.labels());
    }

    @Test
    void crlfLineEndsMissingFinalNewlineAndBlankLinesAreAccepted() throws IOException {
        assertEquals(2, read("1,2\r\n3,4").rows());
        assertEquals(2, read("1,2\r\n3,4\r\n").rows());
        assertEquals(2, read("1,2\n3,4\n\n").rows());
        assertEquals(2, read("\n1,2\n\n3,4\n\r\n").rows());
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws IOException {
        Dataset d = read("\uFEFFlabel,x\n1,2\n");
        assertArrayEquals(new int[] {1}, d.labels());
    }

    @Test
    void stringLabelsBecomeClassesInSortedOrder() throws IOException {
        Dataset d = read("x,label\n1,versicolor\n2,setosa\n3,\"virginica\"\n4,setosa\n");
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 2, 0}, d.labels());
    }

    @Test
    void numericNonIndexLabelsAreOrderedByValue() throws IOException {
        Dataset d = read("1,10\n-1,20\n1,30\n", ReadOptions.defaults().withLabelColumn("0"));
        assertEquals(List.of("-1", "1"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
    }

    @Test
    void integerLabelsWrittenAsDecimalsAreClassIndices() throws IOException {
        assertArrayEquals(new int[] {2, 0}, read("2.0,1\n0.0,2\n").labels());
    }

    @Test
    void gzipIsRecognisedByMagic() throws IOException {
        Path file = dir.resolve("compressed"); // no .gz, no .csv
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("label,x\n1,2\n0,3\n".getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(new float[] {2, 3}, CsvReader.read(file, ReadOptions.defaults()).features());
    }

    @Test
    void linesLongerThanTheReadBufferParse() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            sb.append(r);
            for (int c = 0; c < 300_000; c++) {
                sb.append(",").append(c % 256);
            }
            sb.append('\n');
        }
        Dataset d = read(sb.toString());
        assertEquals(3, d.rows());
        assertEquals(300_000, d.featureCount());
        assertEquals(255f, d.features()[2 * 300_000 + 255]);
    }

    @Test
    void raggedRowWithTooFewFieldsNamesLineAndColumn() {
        DataFormatException e = failure("1,2,3\n4,5\n");
        assertEquals("line 2, column 4", e.position());
        assertTrue(e.getMessage().startsWith(dir.resolve("data.csv") + ": line 2, column 4: expected 3 fields"),
                e.getMessage());
        assertTrue(e.getMessage().contains("found 2"), e.getMessage());
    }

    @Test
    void raggedRowWithTooManyFieldsNamesLineAndColumn() {
        DataFormatException e = failure("label,a\n1,2\n3,4,5,6\n");
        assertEquals("line 3, column 4", e.position());
        assertTrue(e.getMessage().contains("found 4"), e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineColumnAndHeaderName() {
        DataFormatException e = failure("label,a,b\n1,2,3\n1,2x,3\n");
        assertEquals("line 3, column 3", e.position());
        assertTrue(e.getMessage().contains("expected a number in column 1 (0-based; the 2nd field, 'a'), found '2x'"), e.getMessage());
    }

    @Test
    void emptyCellIsNotANumber() {
        DataFormatException e = failure("1,2,3\n1,,3\n");
        assertEquals("line 2, column 3", e.position());
        assertTrue(e.getMessage().contains("empty cell"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        DataFormatException e = failure("");
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
        assertEquals("line 1, column 1", e.position());
    }

    @Test
    void headerWithoutRowsIsRejected() {
        DataFormatException e = failure("label,a\n");
        assertEquals("line 2, column 1", e.position());
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void unknownLabelColumnNameIsRejected() {
        DataFormatException e = failure("a,b\n1,2\n", ReadOptions.defaults().withLabelColumn("target"));
        assertTrue(e.getMessage().contains("no column named 'target'"), e.getMessage());
    }

    @Test
    void labelOutsideTheRequestedClassRangeNamesItsLine() {
        DataFormatException e = failure("1,0\n12,0\n", ReadOptions.defaults().withClassCount(10));
        assertEquals("line 2, column 1", e.position());
        assertTrue(e.getMessage().contains("'12'"), e.getMessage());
    }

    @Test
    void unclosedQuoteIsRejected() {
        DataFormatException e = failure("1,2\n1,\"2\n");
        assertEquals("line 2, column 3", e.position());
    }
}
