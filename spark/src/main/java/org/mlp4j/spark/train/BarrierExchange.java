package org.mlp4j.spark.train;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.mlp4j.engine.train.LearningRateSchedule;
import scala.reflect.ClassTag$;

/**
 * {@link Strategy#BARRIER}: one barrier-mode job for the whole fit. All tasks start together; every global step
 * each computes its slice's gradient sum, {@code allGather}s it (the only channel barrier tasks have: strings
 * through the driver's coordinator, here Base64 of the float sums), adds the gathered sums in partition order and
 * applies the same update, so every replica holds identical parameters. Partition 0 returns them.
 */
final class BarrierExchange {
    private BarrierExchange() {
    }

    record Outcome(float[] parameters, double[] epochLoss) implements java.io.Serializable {
    }

    static FitResult fit(JavaRDD<PartitionBlock> blocks, TrainingConfig config, long totalRows) {
        long start = System.nanoTime();
        float[] initial = FlatParameters.flatten(FlatParameters.arrays(config.newNetwork()));
        int steps = (int) Math.max(1, (totalRows + config.batchSize() - 1) / config.batchSize());
        Task task = new Task(config, initial, steps);
        Object collected = blocks.rdd().barrier()
                .mapPartitions(task, true, ClassTag$.MODULE$.apply(Outcome.class))
                .collect();
        Outcome[] outcomes = (Outcome[]) collected;
        if (outcomes.length != 1) {
            throw new IllegalStateException("barrier training returned " + outcomes.length + " results, expected 1");
        }
        return new FitResult(outcomes[0].parameters(), outcomes[0].epochLoss(), 1, (System.nanoTime() - start) / 1e9);
    }

    /** The barrier task body (a Scala function, since {@code RDDBarrier} has no Java API). */
    static final class Task extends scala.runtime.AbstractFunction1<scala.collection.Iterator<PartitionBlock>,
            scala.collection.Iterator<Outcome>> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final TrainingConfig config;
        private final float[] initial;
        private final int steps;

        Task(TrainingConfig config, float[] initial, int steps) {
            this.config = config;
            this.initial = initial;
            this.steps = steps;
        }

        @Override
        public scala.collection.Iterator<Outcome> apply(scala.collection.Iterator<PartitionBlock> it) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            int index = ctx.partitionId();
            PartitionBlock block = it.hasNext() ? it.next() : null;
            SliceGradients worker = block == null || block.rows() == 0 ? null : new SliceGradients(config, index, block);
            SummedUpdate update = new SummedUpdate(config, initial);
            LearningRateSchedule schedule = LearningRateSchedule.parse(config.schedule());
            double lr = config.stepSize();
            double[] epochLoss = new double[config.epochs()];
            double[] mine = new double[initial.length];
            int[] count = new int[1];
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                double lossSum = 0;
                for (int step = 0; step < steps; step++) {
                    java.util.Arrays.fill(mine, 0);
                    count[0] = 0;
                    double loss = worker == null ? 0
                            : worker.accumulate(FlatParameters.flatten(update.parameterArrays()), epoch, step, steps,
                            mine, count);
                    String[] all = ctx.allGather(encode(count[0], loss, mine));
                    double[] sum = new double[mine.length];
                    long rows = 0;
                    double stepLoss = 0;
                    for (String message : all) { // allGather orders messages by partition id
                        rows += decodeInto(message, sum, mine.length);
                        stepLoss += lossOf(message);
                    }
                    if (rows == 0) {
                        continue;
                    }
                    stepLoss /= rows;
                    if (!Double.isFinite(stepLoss)) {
                        throw new org.mlp4j.engine.train.DivergenceException(epoch + 1, step + 1, stepLoss, lr);
                    }
                    lossSum += stepLoss;
                    update.apply(sum, rows, lr);
                }
                epochLoss[epoch] = lossSum / steps;
                lr = schedule.next(config.stepSize(), lr, epoch + 1, config.epochs(), epochLoss[epoch]);
            }
            List<Outcome> out = index == 0 ? List.of(new Outcome(update.parameters(), epochLoss)) : List.of();
            return scala.jdk.javaapi.CollectionConverters.asScala(out.iterator());
        }
    }

    /**
     * rows (int), loss sum (double), then the gradient sums as floats (half the bytes of doubles; the receiver adds
     * them in double, in partition order, so every replica computes the identical sum).
     */
    static String encode(int rows, double lossSum, double[] sum) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 * sum.length);
        b.putInt(rows).putDouble(lossSum);
        for (double v : sum) {
            b.putFloat((float) v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static int decodeInto(String message, double[] sum, int length) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(message));
        if (b.remaining() != 4 + 8 + 4 * length) {
            throw new IllegalStateException("a barrier message of " + b.remaining() + " bytes, expected "
                    + (12 + 4 * length));
        }
        int rows = b.getInt();
        b.getDouble();
        for (int i = 0; i < length; i++) {
            sum[i] += b.getFloat();
        }
        return rows;
    }

    static double lossOf(String message) {
        byte[] head = Base64.getDecoder().decode(message.substring(0, 16));
        return ByteBuffer.wrap(head).getDouble(4);
    }
}
