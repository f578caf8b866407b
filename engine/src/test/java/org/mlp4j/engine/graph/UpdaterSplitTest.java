package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.kernel.TestKernels;
import org.mlp4j.engine.train.Adagrad;
import org.mlp4j.engine.train.Adam;
import org.mlp4j.engine.train.Momentum;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.RmsProp;
import org.mlp4j.engine.train.Sgd;

/**
 * With several threads an {@link Updater} splits an element-wise step into shares of all the parameters laid end to
 * end; every element must still get exactly the update one thread gives it, whatever the arrays' sizes (shares
 * start inside arrays, arrays smaller than a share, a share ending on an array's last element).
 */
class UpdaterSplitTest {
    static final int[] SIZES = {1, 3, 100, 777, 64 * 5 + 1, 16, 2, 1000};

    static List<Parameter> parameters(long seed) {
        Rng rng = new Rng(seed);
        List<Parameter> list = new ArrayList<>();
        for (int s = 0; s < SIZES.length; s++) {
            float[] v = new float[SIZES[s]];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextGaussian();
            }
            list.add(new Parameter("p" + s, 1, v.length, v));
        }
        return list;
    }

    static void fillGradients(List<Parameter> ps, long seed) {
        Rng rng = new Rng(seed);
        for (Parameter p : ps) {
            float[] g = p.gradient();
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) rng.nextGaussian();
            }
        }
    }

    static Supplier<Optimizer> optimizer(String name) {
        return switch (name) {
            case "adam" -> () -> new Adam(0.9, 0.999, 1e-8, false);
            case "rmsprop" -> () -> new RmsProp(0.9, 1e-7);
            case "adagrad" -> () -> new Adagrad(1e-7);
            case "momentum" -> () -> new Momentum(0.9, true);
            default -> Sgd::new;
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam", "rmsprop", "adagrad", "momentum", "sgd"})
    void twoThreadsUpdateEveryElementAsOneDoes(String name) {
        List<Parameter> one = parameters(1);
        List<Parameter> two = parameters(1);
        Updater u1 = new Updater(one, optimizer(name).get(), 1e-2, TestKernels.vector(1));
        Updater u2 = new Updater(two, optimizer(name).get(), 1e-2, TestKernels.vector(2));
        List<Parameter> before = parameters(1);
        for (int step = 0; step < 3; step++) {
            fillGradients(one, 10 + step);
            fillGradients(two, 10 + step);
            u1.step();
            u2.step();
        }
        for (int s = 0; s < SIZES.length; s++) {
            assertArrayEquals(one.get(s).value(), two.get(s).value(), name + ", parameter " + s);
            for (int i = 0; i < SIZES[s]; i++) {
                assertNotEquals(before.get(s).value()[i], two.get(s).value()[i], "parameter " + s + "[" + i + "] moved");
            }
        }
    }
}
