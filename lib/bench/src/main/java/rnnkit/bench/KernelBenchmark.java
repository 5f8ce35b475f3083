package rnnkit.bench;

import java.util.Locale;
import java.util.Random;

import rnnkit.tensor.Matrix;

/**
 * GFLOP/s of the three matrix products the cells spend their time in, at the shapes of a training
 * step: c += a b (forward, and da W^T with W^T cached), c += a^T b (weight gradients over stacked
 * steps) and c += a b^T (dot products). One JSON line per kernel and shape; the best of several
 * repeats, since a product of fixed size has no other source of variation than the machine.
 *
 * <pre>
 *   environment/bench --kernels [--seconds 1]
 * </pre>
 */
final class KernelBenchmark {

    private KernelBenchmark() {
    }

    /** The shapes: (r, n, m) for an r x n by n x m product. */
    private static final int[][] SHAPES = {{1, 64, 64}, {1, 256, 256}, {32, 64, 64}, {32, 256, 256}, {800, 256, 65}};

    public static void main(String[] args) {
        double seconds = 1.0;
        if (args.length == 2 && args[0].equals("--seconds")) {
            seconds = Double.parseDouble(args[1]);
        } else if (args.length != 0) {
            System.err.println("bench --kernels: unknown arguments; usage: bench --kernels [--seconds 1]");
            System.exit(2);
        }
        for (int[] s : SHAPES) {
            int r = s[0];
            int n = s[1];
            int m = s[2];
            Random random = new Random(1);
            Matrix a = Matrix.gaussian(r, n, 1, random);
            Matrix aT = a.transpose();
            Matrix b = Matrix.gaussian(n, m, 1, random);
            Matrix bT = b.transpose();
            Matrix c = Matrix.zeros(r, m);
            print("a b", r, n, m, time(() -> c.addProductInPlace(a, b), r, n, m, seconds));
            print("a^T b", r, n, m, time(() -> c.addTransAProductInPlace(aT, b), r, n, m, seconds));
            print("a b^T", r, n, m, time(() -> c.addTransBProductInPlace(a, bT), r, n, m, seconds));
        }
    }

    private static double time(Runnable product, int r, int n, int m, double seconds) {
        double flops = 2.0 * r * n * m;
        int calls = (int) Math.max(1, 2e7 / flops);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long best = Long.MAX_VALUE;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                product.run();
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        return flops * calls / best;
    }

    private static void print(String kernel, int r, int n, int m, double gflops) {
        System.out.println(String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"r\":%d,\"n\":%d,\"m\":%d,\"gflop_per_s\":%.2f}",
                kernel, r, n, m, gflops));
    }
}
