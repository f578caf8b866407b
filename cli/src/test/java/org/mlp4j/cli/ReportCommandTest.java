package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** {@code train --report}, {@code mlp4j report} and their checks, end to end through the command line. */
class ReportCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path history;
    static Path page;
    static CliRun trained;

    @BeforeAll
    static void trainOnce() {
        model = dir.resolve("digits.json");
        history = dir.resolve("h.csv");
        page = dir.resolve("run.html");
        trained = CliRun.of("train", "--epochs", "4", "--layers", "auto,32,auto", "--model", model.toString(),
                "--history", history.toString(), "--report", page.toString());
        assertEquals(0, trained.status, trained.toString());
    }

    @Test
    void trainReportHoldsSummaryCurvesConfusionAndImages() throws Exception {
        assertTrue(trained.out.contains("report written to " + page), trained.out);
        Document d = parse(page);
        assertEquals(3, count(d, "//section[@id='curves']//svg"));
        assertEquals(1, count(d, "//div[@id='confusion']//svg"));
        assertEquals(14, count(d, "//table[@id='per-class']/tr"));   // header, 10 classes, accuracy, macro, weighted
        assertTrue(count(d, "//section[@id='samples']//img") > 0);
        assertEquals(32, count(d, "//section[@id='weights']//img"));
        String facts = text(d, "//section[@id='facts']");
        for (String f : new String[] {"training rows", "1,352", "test rows", "445", "samples/s", "kernels", "threads",
            "JDK", "mlp4j"}) {
            assertTrue(facts.contains(f), f + " in " + facts);
        }
    }

    @Test
    void theModelFileCarriesItsHistorySoReportDrawsCurvesWithoutTheCsv() throws Exception {
        Path out = dir.resolve("from-model.html");
        CliRun r = CliRun.of("report", "--model", model.toString(), "--data", "digits", "--out", out.toString());
        assertEquals(0, r.status, r.toString());
        Document d = parse(out);
        assertEquals(3, count(d, "//section[@id='curves']//svg"));
        assertTrue(text(d, "//header").contains("4 epochs"), text(d, "//header"));
    }

    @Test
    void reportReadsAHistoryCsvAndTakesAnImageShape() throws Exception {
        Files.writeString(history, Files.readString(history).lines().limit(3)
                .reduce("", (a, b) -> a + b + "\n"));                               // header + 2 epochs
        Path out = dir.resolve("csv.html");
        CliRun r = CliRun.of("report", "--model", model.toString(), "--data", "digits", "--history", history.toString(),
                "--image-shape", "4x16", "--out", out.toString());
        assertEquals(0, r.status, r.toString());
        Document d = parse(out);
        assertTrue(text(d, "//header").contains("2 epochs"), text(d, "//header"));
        assertTrue(text(d, "//section[@id='weights']/h2").contains("4×16"));
    }

    @Test
    void regressionReportHasScatterAndResidualsInsteadOfConfusion() throws Exception {
        Path csv = dir.resolve("house.csv");
        StringBuilder sb = new StringBuilder("size,rooms,price\n");
        Random rnd = new Random(1);
        for (int i = 0; i < 300; i++) {
            double size = 50 + 100 * rnd.nextDouble();
            int rooms = 1 + rnd.nextInt(5);
            sb.append(String.format(Locale.ROOT, "%.2f,%d,%.2f%n", size, rooms, (2 * size + 10 * rooms) / 100 + 0.01 * rnd.nextGaussian()));
        }
        Files.writeString(csv, sb);
        Path out = dir.resolve("house.html");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target-columns", "price", "--epochs", "5", "--lr", "0.01",
                "--scale", "standard", "--model", dir.resolve("house.json").toString(), "--report", out.toString());
        assertEquals(0, r.status, r.toString());
        Document d = parse(out);
        assertEquals(0, count(d, "//div[@id='confusion']"));
        assertEquals(3, count(d, "//section[@id='regression']//svg"));
        assertEquals(2, count(d, "//table[@id='regression-metrics']/tr"));
        assertTrue(text(d, "//section[@id='regression']").contains("Predicted vs true"));
        assertTrue(text(d, "//section[@id='regression']/h2").contains("the training rows"),
                "a CSV without --test is reported on its training rows, and says so");
    }

    @Test
    void withJsonTheReportIsWrittenAndStdoutHoldsOnlyTheJson() throws Exception {
        Path out = dir.resolve("json.html");
        CliRun r = CliRun.of("train", "--epochs", "1", "--json", "--model", dir.resolve("j.json").toString(),
                "--report", out.toString());
        assertEquals(0, r.status, r.toString());
        assertEquals(1, r.out.lines().count(), r.out);
        assertTrue(r.json().has("epochs"));
        parse(out);
    }

    @Test
    void aMissingReportDirectoryFailsBeforeTraining() {
        Path m = dir.resolve("never.json");
        CliRun r = CliRun.of("train", "--epochs", "50", "--model", m.toString(), "--report",
                dir.resolve("no/such/dir/run.html").toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--report " + dir.resolve("no/such/dir/run.html") + ": the directory "
                + dir.resolve("no/such/dir") + " does not exist"), r.err);
        assertFalse(r.err.contains("epoch"), "no training ran: " + r.err);
        assertFalse(Files.exists(m));
    }

    @Test
    void imageShapeMustMatchTheFeaturesAndNeedsReport() {
        CliRun r = CliRun.of("train", "--epochs", "1", "--model", dir.resolve("x.json").toString(), "--report",
                dir.resolve("x.html").toString(), "--image-shape", "28x28");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--image-shape 28x28 is 784 pixels, but a row has 64 features"), r.err);
        CliRun alone = CliRun.of("train", "--epochs", "1", "--model", dir.resolve("y.json").toString(),
                "--image-shape", "8x8");
        assertEquals(2, alone.status, alone.toString());
        assertTrue(alone.err.contains("--image-shape only applies with --report"), alone.err);
        CliRun bad = CliRun.of("report", "--model", model.toString(), "--data", "digits", "--image-shape", "8by8",
                "--out", dir.resolve("z.html").toString());
        assertEquals(2, bad.status, bad.toString());
        assertTrue(bad.err.contains("expected HEIGHTxWIDTH"), bad.err);
        CliRun mismatch = CliRun.of("report", "--model", model.toString(), "--data", "digits", "--image-shape", "28x28",
                "--out", dir.resolve("z.html").toString());
        assertEquals(2, mismatch.status, mismatch.toString());
        assertTrue(mismatch.err.contains("image shape 28x28 is 784 pixels, but a row has 64 features"), mismatch.err);
    }

    @Test
    void reportOutThatIsADirectoryIsRefusedByName() {
        CliRun r = CliRun.of("report", "--model", model.toString(), "--data", "digits", "--out", dir.toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--out " + dir + ": is a directory"), r.err);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readString(file).getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document d, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET)).getLength();
    }

    private static String text(Document d, String xpath) throws Exception {
        return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.STRING);
    }
}
