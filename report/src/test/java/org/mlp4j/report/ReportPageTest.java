package org.mlp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.report.images.ImageShape;

/** What the report page holds for an image classifier, a plain classifier and a regression. */
class ReportPageTest {
    static ReportInput digits;
    static Page digitsPage;
    static ReportInput blobs;
    static Page blobsPage;
    static Page regressionPage;

    @BeforeAll
    static void render() throws Exception {
        digits = Runs.digits();
        digitsPage = Page.of(digits);
        blobs = Runs.blobs();
        blobsPage = Page.of(blobs);
        regressionPage = Page.of(Runs.regression());
    }

    @Test
    void isSelfContainedXhtmlWithNoScriptAndNoExternalReference() throws Exception {
        for (Page p : List.of(digitsPage, blobsPage, regressionPage)) {
            assertEquals("html", p.doc.getDocumentElement().getTagName());
            assertEquals(0, p.count("//script"));
            assertEquals(0, p.count("//link"));
            assertEquals(0, p.count("//img[not(starts-with(@src, 'data:image/png;base64,'))]"));
            String withoutNamespaces = p.html.replaceAll("xmlns(:\\w+)?=(\"[^\"]*\"|'[^']*')", "");
            assertFalse(withoutNamespaces.contains("http:") || withoutNamespaces.contains("https:"),
                    "no external reference");
        }
    }

    @Test
    void summaryListsEveryLayerWithOutputShapeActivationAndParameters() throws Exception {
        Page p = digitsPage;
        assertEquals(List.of("input (InputLayer)", "dense_1 (Dense)", "dense_2 (Dense)"),
                p.texts("//table[@class='summary']/tr/td[1]").subList(0, 3));
        assertEquals("(None, 32)", p.text("//table[@class='summary']/tr[3]/td[2]"));
        assertEquals("relu", p.text("//table[@class='summary']/tr[3]/td[3]"));
        assertEquals("2,080", p.text("//table[@class='summary']/tr[3]/td[4]"));     // 64·32 + 32
        assertEquals("330", p.text("//table[@class='summary']/tr[4]/td[4]"));       // 32·10 + 10
        assertEquals("2,410", p.text("//table[@class='summary']/tr[@class='total']/td[4]"));
        String settings = p.text("//table[@class='settings']");
        assertTrue(settings.contains("ce"), settings);
        assertTrue(settings.contains("x / 16"), settings);                           // digits are 0..16
        assertTrue(p.text("//section[@id='summary']").contains("learningRate"));
    }

    @Test
    void curvesDrawLossAccuracyAndLearningRateWithTrainingAndValidation() throws Exception {
        assertEquals(3, digitsPage.count("//section[@id='curves']//svg"));
        String curves = digitsPage.text("//section[@id='curves']");
        for (String s : List.of("Loss", "Accuracy", "Learning rate", "training", "validation", "epoch")) {
            assertTrue(curves.contains(s), s);
        }
        // blobs ran without validation: no validation series; its step schedule halves the rate every 2 epochs
        String blobsCurves = blobsPage.text("//section[@id='curves']");
        assertFalse(blobsCurves.contains("validation"), blobsCurves);
        assertEquals(0.025, blobs.history().get(5).learningRate(), 1e-12);
    }

    @Test
    void confusionHeatMapHoldsEveryCountAndTheClassNames() throws Exception {
        Evaluation e = digits.model().evaluate(digits.data());
        String svg = digitsPage.text("//div[@id='confusion']");
        for (String name : digits.data().classNames()) {
            assertTrue(svg.contains(name), name);
        }
        assertTrue(svg.contains("true class") && svg.contains("predicted class"));
        List<String> cells = digitsPage.texts("//div[@id='confusion']//*[local-name()='text']");
        int[][] c = e.confusion();
        for (int[] row : c) {
            for (int v : row) {
                assertTrue(cells.contains(Integer.toString(v)), "count " + v);
            }
        }
        assertEquals(c[3][3] + "", cells.stream().filter(s -> s.equals(c[3][3] + "")).findFirst().orElse(""));
        assertEquals(0, blobsPage.count("//section[@id='regression']"));
    }

    @Test
    void perClassTableMatchesTheEvaluationWithMacroAndWeightedAverages() throws Exception {
        Evaluation e = digits.model().evaluate(digits.data());
        Page p = digitsPage;
        for (int c = 0; c < 10; c++) {
            String row = "//table[@id='per-class']/tr[" + (c + 2) + "]";
            assertEquals(Integer.toString(c), p.text(row + "/td[1]"));
            assertEquals(f(e.precision(c)), p.text(row + "/td[2]"));
            assertEquals(f(e.recall(c)), p.text(row + "/td[3]"));
            assertEquals(f(e.f1(c)), p.text(row + "/td[4]"));
            assertEquals(Long.toString(e.support(c)), p.text(row + "/td[5]"));
        }
        double macroF1 = 0;
        double weightedRecall = 0;
        for (int c = 0; c < 10; c++) {
            macroF1 += e.f1(c) / 10;
            weightedRecall += e.recall(c) * e.support(c) / (double) e.total();
        }
        assertEquals(f(macroF1), p.text("//table[@id='per-class']/tr[td[1]='macro avg']/td[4]"));
        assertEquals(f(weightedRecall), p.text("//table[@id='per-class']/tr[td[1]='weighted avg']/td[3]"));
        // weighted recall is the accuracy
        assertEquals(f(e.accuracy()), p.text("//table[@id='per-class']/tr[td[1]='accuracy']/td[4]"));
        assertEquals("445", p.text("//table[@id='per-class']/tr[td[1]='accuracy']/td[5]"));
    }

    @Test
    void imageRunShowsMistakesMostConfidentFirstSamplesPerClassAndFirstLayerWeights() throws Exception {
        Evaluation e = digits.model().evaluate(digits.data());
        long wrong = e.total() - Math.round(e.accuracy() * e.total());
        assertTrue(wrong > 0, "8 epochs leave some mistakes");
        Page p = digitsPage;
        assertEquals(Math.min(ImageSections.GALLERY, wrong), p.count("//section[@id='misclassified']//figure"));
        List<String> truth = p.texts("//section[@id='misclassified']//span[@class='true']");
        List<String> predicted = p.texts("//section[@id='misclassified']//span[@class='pred']");
        List<String> confidence = p.texts("//section[@id='misclassified']//span[@class='conf']");
        assertEquals(truth.size(), predicted.size());
        double previous = 101;
        for (int i = 0; i < truth.size(); i++) {
            assertFalse(truth.get(i).equals(predicted.get(i)), "a mistake: " + truth.get(i));
            double c = Double.parseDouble(confidence.get(i).replace("%", ""));
            assertTrue(c <= previous && c > 0, "most confident first: " + confidence);
            previous = c;
        }
        assertEquals(10, p.count("//section[@id='samples']/div[@class='row']"));
        assertEquals(10 * ImageSections.PER_CLASS, p.count("//section[@id='samples']//img"));
        assertEquals(32, p.count("//section[@id='weights']//img"));               // every hidden unit of 64-32-10
        assertTrue(p.text("//section[@id='weights']/h2").contains("8×8"));
    }

    @Test
    void rowsThatAreNotImagesGetNoImageSections() throws Exception {
        for (String id : List.of("misclassified", "samples", "weights")) {
            assertEquals(0, blobsPage.count("//section[@id='" + id + "']"), id);
            assertEquals(0, regressionPage.count("//section[@id='" + id + "']"), id);
        }
    }

    @Test
    void imageShapeDrawsOtherSizesAndMustMatchTheFeatureCount() throws Exception {
        Page p = Page.of(Runs.withShape(digits, new ImageShape(4, 16)));
        assertTrue(p.text("//section[@id='weights']/h2").contains("4×16"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Runs.withShape(digits, new ImageShape(28, 28)));
        assertTrue(e.getMessage().contains("784 pixels, but a row has 64 features"), e.getMessage());
    }

    @Test
    void regressionShowsMetricsScatterAndResidualsInsteadOfAConfusionMatrix() throws Exception {
        Page p = regressionPage;
        assertEquals(0, p.count("//div[@id='confusion']"));
        assertEquals(0, p.count("//table[@id='per-class']"));
        assertEquals("price", p.text("//table[@id='regression-metrics']/tr[2]/td[1]"));
        double rmse = Double.parseDouble(p.text("//table[@id='regression-metrics']/tr[2]/td[2]"));
        double r2 = Double.parseDouble(p.text("//table[@id='regression-metrics']/tr[2]/td[4]"));
        assertTrue(rmse > 0 && rmse < 1, "a linear target is learnt: RMSE " + rmse);
        assertTrue(r2 > 0.9, "R² " + r2);
        String charts = p.text("//section[@id='regression']");
        for (String s : List.of("Predicted vs true: price", "Residuals: price", "Residual distribution: price")) {
            assertTrue(charts.contains(s), s);
        }
        assertEquals(3, p.count("//section[@id='regression']//svg"));
        // 500 rows: every row is a point (one path each) in the scatter plot
        assertTrue(p.count("//section[@id='regression']/div[1]/div[1]//*[local-name()='path']") >= 500);
    }

    @Test
    void aSingleSigmoidOutputIsATwoClassClassifierWithConfidencePOrOneMinusP() throws Exception {
        org.mlp4j.engine.data.Dataset xor = org.mlp4j.engine.data.Synthetic.xor(200, 1);
        org.mlp4j.engine.Network net = org.mlp4j.engine.Network.builder(2)
                .dense(8, org.mlp4j.engine.Activation.TANH).dense(1, org.mlp4j.engine.Activation.SIGMOID)
                .loss(org.mlp4j.engine.Loss.BCE).seed(1).build();
        ReportInput in = new ReportInput("xor", org.mlp4j.formats.model.ModelFile.of(net)
                .withClassNames(List.of("no", "yes")), xor, "xor", List.of(), null, null, blobs.kernels());
        Predictions p = Predictions.of(in.model(), xor, in.kernels());
        for (int i = 0; i < xor.rows(); i++) {
            assertTrue(p.confidence[i] >= 0.5f && p.confidence[i] <= 1f, "confidence of the chosen class");
            assertEquals(p.outputs[i] >= 0.5f ? 1 : 0, p.predicted[i]);
        }
        Page page = Page.of(in);
        assertEquals(List.of("no", "yes"), page.texts("//table[@id='per-class']/tr/td[1]").subList(0, 2));
        assertEquals("200", page.text("//table[@id='per-class']/tr[td[1]='accuracy']/td[5]"));
    }

    @Test
    void withoutHistoryTheCurvesSectionSaysSo() throws Exception {
        ReportInput in = new ReportInput("m", blobs.model(), blobs.data(), "blobs", List.of(), null, null, blobs.kernels());
        Page p = Page.of(in);
        assertEquals(0, p.count("//section[@id='curves']//svg"));
        assertTrue(p.text("//section[@id='curves']").contains("No training history"));
    }

    @Test
    void factsAreListedInOrder() throws Exception {
        assertEquals(List.of("training rows", "JDK", "mlp4j"), digitsPage.texts("//section[@id='facts']//th"));
    }

    @Test
    void classNamesAndTitlesAreEscaped() throws Exception {
        ReportInput in = new ReportInput("<b>&\"model\"", blobs.model().withClassNames(List.of("a<b", "c&d", "\"e\"")),
                blobs.data().withFeatures(blobs.data().features(), 2), "x", List.of(), null, null, blobs.kernels());
        Page p = Page.of(in);
        assertTrue(p.text("//h1").contains("<b>&\"model\""));
        assertTrue(p.texts("//table[@id='per-class']/tr/td[1]").containsAll(List.of("a<b", "c&d", "\"e\"")));
    }

    @Test
    void writesTheFileAtomically(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run.html");
        ReportWriter.write(out, blobs);
        String s = Files.readString(out);
        new Page(s);
        assertTrue(s.startsWith("<?xml"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
