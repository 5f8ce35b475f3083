package rnnkit.bench;

import java.util.Locale;
import java.util.Random;

import rnnkit.tensor.Matrix;

/**
 * GFLOP/s of the three matrix products the cells spend their time in, at the shapes of a training
 * step: c += a b (forward, and da W^T with W^T cached), the same given b^T as well (what the cells
 * call for h W<sub>h</sub> and da W<sub>h</sub><sup>T</sup> at a batch of 8 or more: with a few rows it runs
 * as (b^T a^T)^T), c += a^T b (weight gradients over stacked steps) and c += a b^T (dot products). One JSON line per kernel and shape, with its fraction of the
 * machine's peak, measured first by a loop of fused multiply-adds ({@link Machine#peakGflops}); the
 * best of several repeats, since a product of fixed size has no other source of variation than the
 * machine, each timed by the thread's CPU time ({@link Machine#cpuNanos}), so that other processes
 * on a shared machine do not count. The first line describes the machine ({@link Machine#json}), the second gives the peak.
 *
 * <p>Shapes, for H = 256, B = 32, T = 25, V = 65: 1 x 256 by 256 x 256 is h W<sub>h</sub> at B = 1;
 * 32 x 256 by 256 x 256 is h W<sub>h</sub> and da W<sub>h</sub><sup>T</sup> per gate at B = 32, and
 * 32 x 256 by 256 x 1024 the four LSTM gates at once; 256 x 800 by 800 x 256 is a weight gradient
 * H<sup>T</sup> dA over the T B = 800 stacked rows; 800 x 256 by 256 x 65 is the output layer and
 * 800 x 65 by 65 x 256 its gradient back to h.
 *
 * <pre>
 *   environment/bench --kernels [--seconds 1]
 * </pre>
 */
final class KernelBenchmark {

    private KernelBenchmark() {
    }

    /** The shapes: (r, n, m) for an r x n by n x m product. */
    private static final int[][] SHAPES = {{1, 64, 64}, {1, 256, 256}, {32, 64, 64}, {32, 128, 128}, {32, 256, 256},
        {32, 256, 1024}, {256, 800, 256}, {800, 256, 65}, {800, 65, 256}};

    public static void main(String[] args) {
        double seconds = 1.0;
        if (args.length == 2 && args[0].equals("--seconds")) {
            seconds = Double.parseDouble(args[1]);
        } else if (args.length != 0) {
            System.err.println("bench --kernels: unknown arguments; usage: bench --kernels [--seconds 1]");
            System.exit(2);
        }
        System.out.println(Machine.json());
        double peak = Machine.peakGflops(seconds);
        System.out.println(String.format(Locale.ROOT, "{\"peak_gflop_per_s\":%.2f,\"measured_by\":\"12 chains of %d-bit FMA\"}",
                peak, jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize()));
        System.out.flush();
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
            print("a b", r, n, m, time(() -> c.addProductInPlace(a, b), r, n, m, seconds), peak);
            print("a b, given b^T", r, n, m, time(() -> c.addProductInPlace(a, b, bT), r, n, m, seconds), peak);
            print("a^T b", r, n, m, time(() -> c.addTransAProductInPlace(aT, b), r, n, m, seconds), peak);
            print("a b^T", r, n, m, time(() -> c.addTransBProductInPlace(a, bT), r, n, m, seconds), peak);
        }
    }

    private static double time(Runnable product, int r, int n, int m, double seconds) {
        double flops = 2.0 * r * n * m;
        int calls = (int) Math.max(1, 2e7 / flops);
        // Warm up until the JIT has compiled the kernel; both windows count this thread's CPU time, so
        // that a loaded machine, where the compiler's thread waits its turn, does not cut them short.
        for (long warm = Machine.cpuNanos() + (long) (seconds * 0.5e9); Machine.cpuNanos() < warm; ) {
            product.run();
        }
        long end = Machine.cpuNanos() + (long) (seconds * 1e9);
        long best = Long.MAX_VALUE;
        while (Machine.cpuNanos() < end) {
            long start = Machine.cpuNanos();
            for (int k = 0; k < calls; k++) {
                product.run();
            }
            best = Math.min(best, Math.max(1, Machine.cpuNanos() - start));
        }
        return flops * calls / best;
    }

    private static void print(String kernel, int r, int n, int m, double gflops, double peak) {
        System.out.println(String.format(Locale.ROOT,
                "{\"kernel\":\"%s\",\"r\":%d,\"n\":%d,\"m\":%d,\"gflop_per_s\":%.2f,\"fraction_of_peak\":%.2f}",
                kernel, r, n, m, gflops, gflops / peak));
        System.out.flush();
    }
}
