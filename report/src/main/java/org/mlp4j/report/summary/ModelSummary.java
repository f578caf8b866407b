package org.mlp4j.report.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Network;

/**
 * A network as Keras's {@code model.summary()} shows it: one row per layer with its output shape, activation and
 * parameter count, then the totals. {@code inspect} prints it, {@code inspect --json} gives it as JSON and the HTML
 * report draws it as a table.
 */
public final class ModelSummary {
    /** One row of the table; {@code outputs} is the layer's width (the shape is {@code (None, outputs)}). */
    public record Row(String name, String type, int outputs, String activation, long parameters) {
        /** Keras's notation for a batch of rows of this width. */
        public String outputShape() {
            return "(None, " + outputs + ")";
        }
    }

    private final List<Row> rows;
    private final long total;
    private final long nonTrainable;

    private ModelSummary(List<Row> rows, long total, long nonTrainable) {
        this.rows = List.copyOf(rows);
        this.total = total;
        this.nonTrainable = nonTrainable;
    }

    /**
     * The summary of {@code net}: an input row, then {@code dense_1}, {@code batch_normalization_1}, … as Keras names
     * them. As in Keras, a batch-normalisation layer counts 4 parameters per unit — γ and β (trainable) and the moving
     * mean and variance (non-trainable).
     */
    public static ModelSummary of(Network net) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("input", "InputLayer", net.inputs(), "", 0));
        int dense = 1;
        int norms = 1;
        long total = 0;
        long nonTrainable = 0;
        for (Layer l : net.stack()) {
            String act = l.activation().id();
            if (l.activation() == Activation.LEAKY_RELU) {
                act += "(" + l.alpha() + ")";
            }
            if (l instanceof BatchNormLayer) {
                long moving = 2L * l.units();
                rows.add(new Row("batch_normalization_" + norms++, "BatchNormalization", l.units(), act,
                        l.parameterCount() + moving));
                total += l.parameterCount() + moving;
                nonTrainable += moving;
            } else {
                rows.add(new Row("dense_" + dense++, "Dense", l.units(), act, l.parameterCount()));
                total += l.parameterCount();
            }
        }
        return new ModelSummary(rows, total, nonTrainable);
    }

    public List<Row> rows() {
        return rows;
    }

    /** All parameters: weights, biases, batch normalisation's γ and β and its moving statistics. */
    public long totalParameters() {
        return total;
    }

    /** The parameters training changes: all but batch normalisation's moving mean and variance. */
    public long trainableParameters() {
        return total - nonTrainable;
    }

    /** The table as text, Keras style, with thousands separators. */
    public String toText() {
        String[] head = {"Layer (type)", "Output Shape", "Activation", "Param #"};
        int[] w = new int[head.length];
        for (int c = 0; c < head.length; c++) {
            w[c] = head[c].length();
        }
        for (Row r : rows) {
            w[0] = Math.max(w[0], (r.name() + " (" + r.type() + ")").length());
            w[1] = Math.max(w[1], r.outputShape().length());
            w[2] = Math.max(w[2], r.activation().length());
            w[3] = Math.max(w[3], String.format(Locale.ROOT, "%,d", r.parameters()).length());
        }
        String format = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s%n";
        int width = w[0] + w[1] + w[2] + w[3] + 6;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, (Object[]) head));
        sb.append("=".repeat(width)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, format, r.name() + " (" + r.type() + ")", r.outputShape(),
                    r.activation(), String.format(Locale.ROOT, "%,d", r.parameters())));
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", total));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", total - nonTrainable));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainable));
        return sb.toString();
    }

    /**
     * {@code {"layers": [{"name","type","outputShape","units","activation","parameters"}], "totalParameters",
     * "trainableParameters"}} — field names are a contract for scripts.
     */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("type", r.type());
            m.put("outputShape", List.of(-1, r.outputs()));
            m.put("units", r.outputs());
            m.put("activation", r.activation().isEmpty() ? null : r.activation());
            m.put("parameters", r.parameters());
            layers.add(m);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("layers", layers);
        o.put("totalParameters", total);
        o.put("trainableParameters", total - nonTrainable);
        return o;
    }
}
