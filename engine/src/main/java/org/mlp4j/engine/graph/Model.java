package org.mlp4j.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;

/**
 * The parameters of a composite model, by name: its own {@link Parameter}s and its {@link Subnet}s'. The computation
 * is ordinary code on a {@link Tape}; what the model keeps is what a PyTorch {@code state_dict} keeps — every
 * parameter and every batch-normalisation statistic under a unique name — so it saves and loads by name.
 */
public final class Model {
    private final Map<String, Parameter> own = new LinkedHashMap<>();
    private final List<Subnet> subnets = new ArrayList<>();
    private final Map<String, Parameter> all = new LinkedHashMap<>();

    /** Adds a parameter of the model's own (its name must be new). */
    public Parameter add(Parameter p) {
        claim(p);
        own.put(p.name(), p);
        return p;
    }

    /** Creates and adds a {@code rows × cols} parameter filled by {@code init}. */
    public Parameter parameter(String name, int rows, int cols, Initializer init, Rng rng) {
        return add(Parameter.create(name, rows, cols, init, rng));
    }

    /** Adds {@code network} as a subnet named {@code name} (its parameters become {@code name.L.…}). */
    public Subnet subnet(String name, Network network) {
        Subnet s = new Subnet(name, network);
        for (Parameter p : s.parameters()) {
            claim(p);
        }
        for (Parameter p : s.buffers()) {
            claim(p);
        }
        subnets.add(s);
        return s;
    }

    private void claim(Parameter p) {
        if (all.putIfAbsent(p.name(), p) != null) {
            throw new IllegalArgumentException("the model already has a parameter named '" + p.name() + "'");
        }
    }

    public List<Subnet> subnets() {
        return Collections.unmodifiableList(subnets);
    }

    /** Every trainable array — the model's own, then each subnet's — frozen ones included, in order. */
    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>(own.values());
        for (Subnet s : subnets) {
            list.addAll(s.parameters());
        }
        return list;
    }

    /** The parameters that are not frozen: what an {@link Updater} updates. */
    public List<Parameter> trainableParameters() {
        List<Parameter> list = new ArrayList<>();
        for (Parameter p : parameters()) {
            if (p.trainable()) {
                list.add(p);
            }
        }
        return list;
    }

    /** Trainable values, frozen ones included (batch-normalisation statistics are not counted). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().length;
        }
        return n;
    }

    /**
     * Every named array — parameters and batch-normalisation statistics — as copies, in order: what
     * {@link #loadState} reads back (PyTorch's {@code state_dict()}).
     */
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : all.entrySet()) {
            state.put(e.getKey(), e.getValue().value().clone());
        }
        return state;
    }

    /**
     * Copies saved values in by name. Strict, as PyTorch's {@code load_state_dict}: every name of the model must be
     * present with its size, and no other name.
     */
    public void loadState(Map<String, float[]> state) {
        List<String> missing = new ArrayList<>();
        for (String name : all.keySet()) {
            if (!state.containsKey(name)) {
                missing.add(name);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) {
            if (!all.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("the state does not match the model"
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unexpected.isEmpty() ? "" : "; unexpected " + unexpected));
        }
        for (Map.Entry<String, Parameter> e : all.entrySet()) {
            float[] from = state.get(e.getKey());
            float[] to = e.getValue().value();
            if (from.length != to.length) {
                throw new IllegalArgumentException("'" + e.getKey() + "' holds " + to.length
                        + " values, the state " + from.length);
            }
        }
        for (Map.Entry<String, Parameter> e : all.entrySet()) {
            float[] to = e.getValue().value();
            System.arraycopy(state.get(e.getKey()), 0, to, 0, to.length);
        }
    }
}
