package org.mlp4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --layers}: every width from input to output, e.g. {@code 784,128,64,10}. The first and last may be
 * {@code auto} (the default is {@code auto,128,64,auto}), taking the data's feature count and class (or target) count;
 * given numbers must match the data.
 */
final class Architecture {
    static final String DEFAULT = "auto,128,64,auto";

    private Architecture() {
    }

    static int[] widths(String spec, int features, int outputs) {
        String[] parts = spec.split(",");
        if (parts.length < 2) {
            throw new UsageException("--layers needs at least an input and an output width, e.g. 784,128,10 (got '" + spec + "')");
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            boolean end = i == 0 || i == parts.length - 1;
            if (p.equals("auto") && end) {
                widths.add(i == 0 ? features : outputs);
                continue;
            }
            int w;
            try {
                w = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UsageException("--layers: '" + parts[i] + "' is not a width"
                        + (end ? " (or 'auto')" : "") + " in '" + spec + "'");
            }
            if (w < 1) {
                throw new UsageException("--layers: widths must be >= 1, got " + w);
            }
            widths.add(w);
        }
        if (widths.get(0) != features) {
            throw new UsageException("--layers starts with " + widths.get(0) + " inputs but the data has " + features
                    + " features (use " + features + " or 'auto')");
        }
        if (widths.get(widths.size() - 1) != outputs && !(outputs == 2 && widths.get(widths.size() - 1) == 1)) {
            throw new UsageException("--layers ends with " + widths.get(widths.size() - 1) + " outputs but the data has "
                    + outputs + (outputs == 1 ? " target" : " classes or targets") + " (use " + outputs + " or 'auto')");
        }
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }
}
