package org.mlp4j.report.images;

/**
 * How a row of features is an image: {@code height × width} grey pixels in row-major order. Inferred for the usual
 * sizes (64 features: 8×8 as the UCI digits; 784: 28×28 as MNIST), or given as {@code HxW}.
 */
public record ImageShape(int height, int width) {
    public ImageShape {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("an image needs at least 1×1 pixels, got " + height + "x" + width);
        }
    }

    public int pixels() {
        return height * width;
    }

    /** {@code 28x28} (or {@code 28×28}, {@code 28X28}). */
    public static ImageShape parse(String spec) {
        String[] parts = spec.trim().split("[xX×]");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected HEIGHTxWIDTH such as 28x28, got '" + spec + "'");
        }
        try {
            int h = Integer.parseInt(parts[0].trim());
            int w = Integer.parseInt(parts[1].trim());
            if (h < 1 || w < 1 || (long) h * w > 1 << 20) {
                throw new IllegalArgumentException("expected HEIGHTxWIDTH between 1x1 and 1024x1024 pixels, got '"
                        + spec + "'");
            }
            return new ImageShape(h, w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HEIGHTxWIDTH such as 28x28, got '" + spec + "'");
        }
    }

    /** The shape of the usual image sizes (8×8, 28×28), or null when {@code features} is not one of them. */
    public static ImageShape infer(int features) {
        switch (features) {
            case 64: return new ImageShape(8, 8);
            case 784: return new ImageShape(28, 28);
            default: return null;
        }
    }

    @Override
    public String toString() {
        return height + "×" + width;
    }
}
