package rnnkit.tensor;

import static rnnkit.tensor.EntryWise.EXP_CLAMP;
import static rnnkit.tensor.EntryWise.INV_FACTORIAL;
import static rnnkit.tensor.EntryWise.INV_LN2;
import static rnnkit.tensor.EntryWise.LN2_HI;
import static rnnkit.tensor.EntryWise.LN2_LO;
import static rnnkit.tensor.EntryWise.ROUNDER;
import static rnnkit.tensor.EntryWise.TANH_CLAMP;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EntryWise#tanh} and {@link EntryWise#sigmoid} over a row, a vector at a time: the same
 * operations in the same order, lane by lane, so the same bits as the scalar functions (the tests
 * compare them bit for bit). Only {@link EntryWise} calls this class, and only when the module
 * {@code jdk.incubator.vector} is in the JVM.
 */
final class VectorEntryWise {

    private VectorEntryWise() {
    }

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    static final int LANES = SPECIES.length();

    private static final long SIGN = Long.MIN_VALUE;

    /** row[0..n) = tanh(row[0..n)). */
    static void tanh(double[] row, int n) {
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, row, j);
            DoubleVector u = x.abs().mul(-2.0);
            u = u.blend(TANH_CLAMP, u.compare(VectorOperators.LT, TANH_CLAMP));
            DoubleVector m = expm1(u);
            DoubleVector t = m.neg().div(m.add(2.0));
            // copySign(t, x): t's magnitude bits with x's sign bit
            LongVector bits = t.reinterpretAsLongs().and(~SIGN).or(x.reinterpretAsLongs().and(SIGN));
            bits.reinterpretAsDoubles().intoArray(row, j);
        }
        for (; j < n; j++) {
            row[j] = EntryWise.tanh(row[j]);
        }
    }

    /** row[0..n) = σ(row[0..n)). */
    static void sigmoid(double[] row, int n) {
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, row, j);
            DoubleVector u = a.abs().neg();
            u = u.blend(EXP_CLAMP, u.compare(VectorOperators.LT, EXP_CLAMP));
            DoubleVector e = exp(u);
            DoubleVector d = e.add(1.0);
            DoubleVector positive = DoubleVector.broadcast(SPECIES, 1.0).div(d);
            DoubleVector negative = e.div(d);
            VectorMask<Double> atLeastZero = a.compare(VectorOperators.GE, 0.0);
            negative.blend(positive, atLeastZero).intoArray(row, j);
        }
        for (; j < n; j++) {
            row[j] = EntryWise.sigmoid(row[j]);
        }
    }

    /** out[j] = e^{x[j] - shift} for the whole vectors of [0, n); returns where they end (the tail is the caller's). */
    static int expShifted(double[] out, double[] x, int n, double shift) {
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            DoubleVector u = DoubleVector.fromArray(SPECIES, x, j).sub(shift);
            u = u.blend(EXP_CLAMP, u.compare(VectorOperators.LT, EXP_CLAMP));
            exp(u).intoArray(out, j);
        }
        return j;
    }

    /**
     * The index in [0, n) of the first entry of row that is NaN or infinite, or -1. Whole vectors
     * first (x * 0 is NaN exactly for those entries), then the entries one by one where one was seen.
     */
    static int firstNonFinite(double[] row, int n) {
        DoubleVector seen = DoubleVector.zero(SPECIES);
        int j = 0;
        for (; j + LANES <= n; j += LANES) {
            seen = seen.add(DoubleVector.fromArray(SPECIES, row, j).mul(0.0));
        }
        // where a vector held one, the first from the start; else only the entries after the last vector
        return Matrix.firstNonFinite(row, seen.test(VectorOperators.IS_NAN).anyTrue() ? 0 : j, n);
    }

    /** {@link EntryWise#expm1}, lane by lane. */
    private static DoubleVector expm1(DoubleVector u) {
        DoubleVector t = u.fma(INV_LN2, ROUNDER);
        DoubleVector p = series(u, t.sub(ROUNDER));
        DoubleVector twoToK = twoTo(t);
        return twoToK.fma(p, twoToK.sub(1.0));
    }

    /** {@link EntryWise#exp}, lane by lane. */
    private static DoubleVector exp(DoubleVector u) {
        DoubleVector t = u.fma(INV_LN2, ROUNDER);
        DoubleVector p = series(u, t.sub(ROUNDER));
        DoubleVector twoToK = twoTo(t);
        return twoToK.fma(p, twoToK);
    }

    private static DoubleVector series(DoubleVector u, DoubleVector k) {
        DoubleVector minusK = k.neg();
        DoubleVector lnTwoHi = DoubleVector.broadcast(SPECIES, LN2_HI);
        DoubleVector lnTwoLo = DoubleVector.broadcast(SPECIES, LN2_LO);
        DoubleVector r = minusK.fma(lnTwoLo, minusK.fma(lnTwoHi, u));
        DoubleVector q = DoubleVector.broadcast(SPECIES, INV_FACTORIAL[11]);
        for (int n = 10; n >= 0; n--) {
            q = q.fma(r, DoubleVector.broadcast(SPECIES, INV_FACTORIAL[n]));
        }
        return q.fma(r.mul(r), r);
    }

    private static DoubleVector twoTo(DoubleVector t) {
        return t.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52L).reinterpretAsDoubles();
    }
}
