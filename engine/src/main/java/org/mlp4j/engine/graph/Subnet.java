package org.mlp4j.engine.graph;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.StackPass;

/**
 * A {@link Network} used as one operation of a {@link Tape} ({@link Tape#apply}): its forward and backward are the
 * network's own fused passes ({@link StackPass}), and its arrays are exposed as named {@link Parameter}s
 * ({@code NAME.L.weights}, {@code NAME.L.bias}, {@code NAME.L.gamma}, {@code NAME.L.beta}, with {@code L} the index
 * in the stack) plus the batch-normalisation state {@code NAME.L.movingMean} and {@code NAME.L.movingVariance}.
 *
 * <p>A {@linkplain #freeze() frozen} subnet gets no gradients and no updates, and its batch normalisation runs in
 * inference mode (moving statistics, left unchanged), as Keras does for {@code trainable = False} since TF 2.
 */
public final class Subnet {
    private final String name;
    private final Network network;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Parameter> buffers = new ArrayList<>();
    private final float[][] gradients;
    private boolean frozen;

    public Subnet(String name, Network network) {
        this.name = name;
        this.network = network;
        List<Layer> stack = network.stack();
        for (int l = 0; l < stack.size(); l++) {
            String p = name + "." + l + ".";
            Layer layer = stack.get(l);
            if (layer instanceof DenseLayer d) {
                parameters.add(new Parameter(p + "weights", d.inputs(), d.units(), d.weights()));
                if (d.hasBias()) {
                    parameters.add(new Parameter(p + "bias", 1, d.units(), d.bias()));
                }
            } else {
                BatchNormLayer bn = (BatchNormLayer) layer;
                parameters.add(new Parameter(p + "gamma", 1, bn.units(), bn.gamma()));
                parameters.add(new Parameter(p + "beta", 1, bn.units(), bn.beta()));
                buffers.add(new Parameter(p + "movingMean", 1, bn.units(), bn.movingMean()).setTrainable(false));
                buffers.add(new Parameter(p + "movingVariance", 1, bn.units(), bn.movingVariance()).setTrainable(false));
            }
        }
        gradients = new float[parameters.size()][];
    }

    public String name() { return name; }
    public Network network() { return network; }
    /** The trainable arrays as parameters, in stack order. */
    public List<Parameter> parameters() { return parameters; }
    /** Batch normalisation's moving statistics: state, not trained. */
    public List<Parameter> buffers() { return buffers; }
    public boolean frozen() { return frozen; }

    /** Freezes the whole subnet (no gradients, no updates, batch normalisation in inference mode). */
    public Subnet freeze() {
        return setFrozen(true);
    }

    public Subnet setFrozen(boolean frozen) {
        this.frozen = frozen;
        for (Parameter p : parameters) {
            p.setTrainable(!frozen);
        }
        return this;
    }

    /** The gradient arrays {@link StackPass#backward} fills: a parameter's own, or null when it is frozen. */
    float[][] gradientArrays() {
        for (int i = 0; i < gradients.length; i++) {
            Parameter p = parameters.get(i);
            gradients[i] = p.trainable() ? p.gradient() : null;
        }
        return gradients;
    }

    boolean anyTrainable() {
        for (Parameter p : parameters) {
            if (p.trainable()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + ": " + network + (frozen ? " (frozen)" : "");
    }
}
