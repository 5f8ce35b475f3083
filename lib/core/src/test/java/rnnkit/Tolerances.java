package rnnkit;

/** Every tolerance the tests use, in one place. */
public final class Tolerances {

    private Tolerances() {
    }

    /** The largest relative error a gradient check accepts (the 1e-7). */
    public static final double GRADIENT = 1e-7;

    /** Hand-computed and reference values, in double precision. */
    public static final double VALUE = 1e-12;

    /** Two computations of the same function in different but equivalent forms (σ(-a) against 1 - σ(a)). */
    public static final double EQUIVALENT_FORMS = 1e-14;
}
