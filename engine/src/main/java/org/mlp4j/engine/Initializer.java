package org.mlp4j.engine;

import java.util.Locale;

/**
 * How a weight matrix (or a bias vector) starts. The tutorials' choices and the standard schemes:
 * <ul>
 *   <li>{@link #uniform(double)} U(−a, a) — the digits notebook's U(−0.5, 0.5);</li>
 *   <li>{@link #normal(double)} N(0, std²) — Nielsen's N(0,1), the Kaggle notebook's N(0,1)·0.01;</li>
 *   <li>Glorot/Xavier uniform (limit √(6/(in+out))) and normal (std √(2/(in+out)));</li>
 *   <li>He uniform (limit √(6/in)) and normal (std √(2/in)); LeCun normal (std √(1/in)).</li>
 * </ul>
 * Normal variants draw from the full normal, as PyTorch's {@code nn.init} does (Keras truncates).
 */
public abstract class Initializer {

    private final String spec;

    private Initializer(String spec) {
        this.spec = spec;
    }

    /** Fills {@code w} for a layer with {@code fanIn} inputs and {@code fanOut} units. */
    public abstract void fill(float[] w, int fanIn, int fanOut, Rng rng);

    /** The textual form that {@link #parse} reads back, e.g. {@code he-normal} or {@code uniform:0.5}. */
    public String spec() {
        return spec;
    }

    @Override
    public String toString() {
        return spec;
    }

    /** Every value 0 (Keras's {@code Zeros}): the usual bias start; spec {@code zeros}. */
    public static Initializer zeros() {
        return new Initializer("zeros") {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, Rng rng) {
                java.util.Arrays.fill(w, 0f);
            }
        };
    }

    /** Every value {@code value} (Keras's {@code Constant}; {@code constant(1)} is {@code Ones}). */
    public static Initializer constant(double value) {
        return new Initializer("constant:" + value) {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, Rng rng) {
                java.util.Arrays.fill(w, (float) value);
            }
        };
    }

    /** U(low, high) (Keras's {@code RandomUniform(minval, maxval)}). */
    public static Initializer uniform(double low, double high) {
        if (!(high >= low)) {
            throw new IllegalArgumentException("uniform needs low <= high, got " + low + ", " + high);
        }
        return new Initializer("uniform:" + low + ":" + high) {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, Rng rng) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (low + rng.nextDouble() * (high - low));
                }
            }
        };
    }

    /**
     * U(−limit, limit), whatever the layer's size (the digits notebook's {@code uniform(0.5)}); spec
     * {@code uniform:LIMIT}.
     */
    public static Initializer uniform(double limit) {
        return uniformWith("uniform:" + limit, (in, out) -> limit);
    }

    /** N(0, std²), whatever the layer's size (Nielsen's {@code normal(1)}); spec {@code normal:STD}. */
    public static Initializer normal(double std) {
        return normalWith("normal:" + std, (in, out) -> std);
    }

    /**
     * Glorot/Xavier uniform, U(−a, a) with {@code a = √(6/(fanIn+fanOut))} (PyTorch's {@code xavier_uniform_},
     * Keras's {@code GlorotUniform}): keeps activation and gradient variance for tanh and sigmoid layers; spec
     * {@code glorot-uniform}.
     */
    public static Initializer glorotUniform() {
        return uniformWith("glorot-uniform", (in, out) -> Math.sqrt(6.0 / (in + out)));
    }

    /**
     * Glorot/Xavier normal, N(0, σ²) with {@code σ = √(2/(fanIn+fanOut))} (PyTorch's {@code xavier_normal_}, not
     * truncated); spec {@code glorot-normal}.
     */
    public static Initializer glorotNormal() {
        return normalWith("glorot-normal", (in, out) -> Math.sqrt(2.0 / (in + out)));
    }

    /**
     * He/Kaiming uniform, U(−a, a) with {@code a = √(6/fanIn)} (PyTorch's {@code kaiming_uniform_} with gain √2):
     * for ReLU layers; spec {@code he-uniform}.
     */
    public static Initializer heUniform() {
        return uniformWith("he-uniform", (in, out) -> Math.sqrt(6.0 / in));
    }

    /**
     * He/Kaiming normal, N(0, σ²) with {@code σ = √(2/fanIn)} (PyTorch's {@code kaiming_normal_}, not truncated):
     * for ReLU layers; spec {@code he-normal}.
     */
    public static Initializer heNormal() {
        return normalWith("he-normal", (in, out) -> Math.sqrt(2.0 / in));
    }

    /**
     * LeCun normal, N(0, σ²) with {@code σ = √(1/fanIn)} (Keras's {@code LecunNormal} without the truncation): for
     * SELU-style self-normalising layers; spec {@code lecun-normal}.
     */
    public static Initializer lecunNormal() {
        return normalWith("lecun-normal", (in, out) -> Math.sqrt(1.0 / in));
    }

    private interface Scale {
        double of(int fanIn, int fanOut);
    }

    private static Initializer uniformWith(String spec, Scale limit) {
        return new Initializer(spec) {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, Rng rng) {
                double a = limit.of(fanIn, fanOut);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) ((2 * rng.nextDouble() - 1) * a);
                }
            }
        };
    }

    private static Initializer normalWith(String spec, Scale std) {
        return new Initializer(spec) {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, Rng rng) {
                double s = std.of(fanIn, fanOut);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (rng.nextGaussian() * s);
                }
            }
        };
    }

    /**
     * Parses {@code zeros}, {@code ones}, {@code constant:V}, {@code uniform[:A]} (default 0.5), {@code uniform:LOW:HIGH}, {@code normal[:STD]} (default 1),
     * {@code glorot-uniform} (also {@code xavier-uniform}, {@code glorot}, {@code xavier}), {@code glorot-normal},
     * {@code he-uniform}, {@code he-normal} (also {@code he}), {@code lecun-normal} (also {@code lecun}).
     */
    public static Initializer parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        String name = t;
        String arg = null;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            name = t.substring(0, colon);
            arg = t.substring(colon + 1);
        }
        name = name.replace("xavier", "glorot");
        try {
            switch (name) {
                case "zeros": return zeros();
                case "uniform":
                    if (arg != null && arg.indexOf(':') > 0) {
                        int c = arg.indexOf(':');
                        return uniform(Double.parseDouble(arg.substring(0, c)), Double.parseDouble(arg.substring(c + 1)));
                    }
                    return uniform(arg == null ? 0.5 : Double.parseDouble(arg));
                case "constant": return constant(arg == null ? 0 : Double.parseDouble(arg));
                case "ones": return constant(1);
                case "normal": return normal(arg == null ? 1.0 : Double.parseDouble(arg));
                case "glorot": case "glorot-uniform": return glorotUniform();
                case "glorot-normal": return glorotNormal();
                case "he-uniform": return heUniform();
                case "he": case "he-normal": return heNormal();
                case "lecun": case "lecun-normal": return lecunNormal();
                default: break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("initializer '" + text + "': '" + arg + "' is not a number");
        }
        throw new IllegalArgumentException("unknown initializer '" + text + "' (expected zeros, uniform:A, normal:STD, "
                + "glorot-uniform, glorot-normal, he-uniform, he-normal or lecun-normal)");
    }
}
