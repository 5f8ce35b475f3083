package rnnkit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import rnnkit.tensor.Matrix;

/**
 * What a measurement ran on: the CPU, the widest vector it has, the vector the JVM uses (less when
 * {@code -XX:UseAVX=2} limits it), what the matrix products run on, the JVM's version and options;
 * and the machine's peak in double precision, measured by a loop of fused multiply-adds.
 */
final class Machine {

    private Machine() {
    }

    /** The JVM's widest vector of doubles; a constant, so that the JIT compiles the loop below to vector instructions. */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** One JSON line: {"machine":{...}}; the benchmarks print it first. */
    static String json() {
        String cpu = cpuInfo("model name");
        String flags = " " + cpuInfo("flags") + " ";
        int cpuBits = flags.contains(" avx512f ") ? 512 : flags.contains(" avx2 ") ? 256 : flags.contains(" avx ") ? 256 : 128;
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return String.format(Locale.ROOT,
                "{\"machine\":{\"cpu\":\"%s\",\"cpu_vector_bits\":%d,\"jvm_vector_bits\":%d,\"products\":\"%s\","
                        + "\"java\":\"%s\",\"jvm_options\":\"%s\",\"cores\":%d,\"load_average\":%.2f}}",
                escape(cpu), cpuBits, DoubleVector.SPECIES_PREFERRED.vectorBitSize(), escape(Matrix.productKernel()),
                escape(System.getProperty("java.vm.version")), escape(String.join(" ", options)),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * The best GFLOP/s of one thread doing nothing but fused multiply-adds on the JVM's widest
     * vectors: 12 independent chains, enough to keep two FMA units with a latency of 4 to 6 cycles
     * busy. A product can approach it but not pass it. Timed by the thread's CPU time, as the products are.
     */
    static double peakGflops(double seconds) {
        double sink = 0;
        for (int k = 0; k < 20_000; k++) {   // until C2 has compiled the loop into vector instructions
            sink += fmaLoop(64);
        }
        int iterations = 1 << 16;
        double flops = 2.0 * SPECIES.length() * 12 * iterations;
        double best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long start = cpuNanos();
            sink += fmaLoop(iterations);
            best = Math.max(best, flops / Math.max(1, cpuNanos() - start));
        } while (System.nanoTime() < end);
        if (sink == 42.0) {   // keeps the JIT from dropping the loop; never true
            System.out.print("");
        }
        return best;
    }

    private static double fmaLoop(int iterations) {
        DoubleVector x = DoubleVector.broadcast(SPECIES, 0.999);
        DoubleVector y = DoubleVector.broadcast(SPECIES, 0.001);
        DoubleVector s0 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector s1 = s0.add(1);
        DoubleVector s2 = s0.add(2);
        DoubleVector s3 = s0.add(3);
        DoubleVector s4 = s0.add(4);
        DoubleVector s5 = s0.add(5);
        DoubleVector s6 = s0.add(6);
        DoubleVector s7 = s0.add(7);
        DoubleVector s8 = s0.add(8);
        DoubleVector s9 = s0.add(9);
        DoubleVector s10 = s0.add(10);
        DoubleVector s11 = s0.add(11);
        for (int k = 0; k < iterations; k++) {
            s0 = x.fma(y, s0);
            s1 = x.fma(y, s1);
            s2 = x.fma(y, s2);
            s3 = x.fma(y, s3);
            s4 = x.fma(y, s4);
            s5 = x.fma(y, s5);
            s6 = x.fma(y, s6);
            s7 = x.fma(y, s7);
            s8 = x.fma(y, s8);
            s9 = x.fma(y, s9);
            s10 = x.fma(y, s10);
            s11 = x.fma(y, s11);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .reduceLanes(VectorOperators.ADD);
    }

    /**
     * The CPU time of the calling thread in nanoseconds. The kernel measurements use it instead of
     * the wall clock, so that on a shared machine the time other processes hold the core does not
     * count (what they do to the caches still does).
     */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The first value of {@code key} in /proc/cpuinfo, or "unknown". */
    private static String cpuInfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: say so below
        }
        return "unknown";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
