package rnnkit.exercises;

import static rnnkit.exercises.Fixtures.affine;
import static rnnkit.exercises.Fixtures.copy;
import static rnnkit.exercises.Fixtures.rows;
import static rnnkit.exercises.Fixtures.relu;
import static rnnkit.exercises.Fixtures.sigmoid;
import static rnnkit.exercises.Fixtures.tanh;
import static rnnkit.exercises.Fixtures.uniform;
import static rnnkit.exercises.Fixtures.zero;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import rnnkit.cells.RnnCell;
import rnnkit.cells.State;
import rnnkit.params.Parameters;
import rnnkit.grading.Expect;
import rnnkit.grading.Mistake;
import rnnkit.grading.Submission;
import rnnkit.tensor.Matrix;

/** Grades exercise 1 ({@link RnnForward}) against {@link RnnCell}: h_t = tanh(x_t Wxh + h_{t-1} Whh + bh). */
@ExtendWith(Submission.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RnnForwardGrader {

    static final int X = 3;
    static final int H = 4;
    static final int B = 2;

    final Random random = new Random(11);
    final RnnCell cell = new RnnCell(X, H, 5);
    final Matrix x = uniform(B, X, random);
    final Matrix hPrev = uniform(B, H, random);

    @Test
    @Order(1)
    @DisplayName("step returns one row per example, H columns")
    void shape(RnnForward rnn) {
        Matrix h = rnn.step(x.copy(), hPrev.copy(), copy(cell));
        Expect.that(h != null, "step returned null");
        Expect.that(h.rows() == B && h.cols() == H,
                "step returned shape %s, expected (%d, %d) = (B, H): with row vectors the products are x Wxh (B,X)(X,H) and hPrev Whh (B,H)(H,H)",
                h.shape(), B, H);
    }

    @Test
    @Order(2)
    @DisplayName("only bh non-zero: h = tanh(bh) in every row")
    void biasOnly(RnnForward rnn) {
        zero(cell, "Wxh", "Whh");
        cell.parameters().get("bh").copyFromInPlace(uniform(1, H, random));
        Matrix bh = cell.parameters().get("bh");
        Expect.close("h with only the bias non-zero", rnn.step(x.copy(), hPrev.copy(), copy(cell)), tanh(rows(bh, B)),
                new Mistake("the bias term bh is missing", Matrix.zeros(B, H)),
                new Mistake("tanh is missing: h must be tanh(x Wxh + h_{t-1} Whh + bh)", rows(bh, B)),
                new Mistake("the bias is squashed with sigmoid instead of tanh", sigmoid(rows(bh, B))),
                new Mistake("ReLU is used instead of tanh: h = tanh(...), whose values lie in (-1, 1)", relu(rows(bh, B))),
                new Mistake("bh is added only to the first row: add it to every row (plusRow)", tanh(Matrix.zeros(B, H).plus(onlyFirstRow(bh)))));
    }

    @Test
    @Order(3)
    @DisplayName("only Wxh non-zero: h = tanh(x Wxh)")
    void inputOnly(RnnForward rnn) {
        zero(cell, "Whh", "bh");
        Matrix wxh = cell.parameters().get("Wxh");
        Expect.close("h with only Wxh non-zero", rnn.step(x.copy(), hPrev.copy(), copy(cell)), tanh(x.matmul(wxh)),
                new Mistake("the input term x Wxh is missing", Matrix.zeros(B, H)),
                new Mistake("tanh is missing: h must be tanh(x Wxh + ...)", x.matmul(wxh)),
                new Mistake("ReLU is used instead of tanh: h = tanh(...), whose values lie in (-1, 1)", relu(x.matmul(wxh))));
    }

    @Test
    @Order(4)
    @DisplayName("only Whh non-zero: h = tanh(h_{t-1} Whh)")
    void recurrentOnly(RnnForward rnn) {
        zero(cell, "Wxh", "bh");
        Matrix whh = cell.parameters().get("Whh");
        Expect.close("h with only Whh non-zero", rnn.step(x.copy(), hPrev.copy(), copy(cell)), tanh(hPrev.matmul(whh)),
                new Mistake("the recurrent term h_{t-1} Whh is missing", Matrix.zeros(B, H)),
                new Mistake("Whh is transposed: with row vectors the term is h_{t-1} Whh, not h_{t-1} Whh^T", tanh(hPrev.matmul(whh.transpose()))),
                new Mistake("h_{t-1} is added without multiplying by Whh", tanh(hPrev)),
                new Mistake("tanh is missing", hPrev.matmul(whh)));
    }

    @Test
    @Order(5)
    @DisplayName("all three terms: matches RnnCell")
    void fullStep(RnnForward rnn) {
        Parameters p = cell.parameters();
        p.get("bh").copyFromInPlace(uniform(1, H, random));
        Matrix a = affine(x, p.get("Wxh"), hPrev, p.get("Whh"), p.get("bh"));
        Expect.close("h", rnn.step(x.copy(), hPrev.copy(), copy(cell)), Fixtures.refStep(cell, x, State.of(hPrev)),
                new Mistake("tanh is missing", a),
                new Mistake("sigmoid is used instead of tanh", sigmoid(a)),
                new Mistake("ReLU is used instead of tanh: h = tanh(...), whose values lie in (-1, 1)", relu(a)),
                new Mistake("h_{t-1} is ignored (the recurrent term is missing)", tanh(affine(x, p.get("Wxh"), Matrix.zeros(B, H), p.get("Whh"), p.get("bh")))));
    }

    @Test
    @Order(6)
    @DisplayName("step and forward leave x, h_{t-1}, h0 and the parameters unchanged")
    void leavesInputsAlone(RnnForward rnn) {
        cell.parameters().get("bh").copyFromInPlace(uniform(1, H, random));
        Inputs step = new Inputs();
        rnn.step(step.of("x", x), step.of("hPrev", hPrev), step.of(cell.parameters()));
        step.unchanged("step");
        Inputs forward = new Inputs();
        rnn.forward(forward.of("xs", Fixtures.sequence(3, B, X, random)), forward.of("h0", uniform(B, H, random)),
                forward.of(cell.parameters()));
        forward.unchanged("forward");
    }

    @Test
    @Order(7)
    @DisplayName("forward returns T states, h_1 .. h_T")
    void forwardLength(RnnForward rnn) {
        List<Matrix> xs = Fixtures.sequence(5, B, X, random);
        List<Matrix> hs = rnn.forward(xs, Matrix.zeros(B, H), copy(cell));
        Expect.that(hs != null, "forward returned null");
        Expect.that(hs.size() != 6, "forward returned 6 states for 5 inputs: the list must hold h_1 .. h_T, without h_0");
        Expect.that(hs.size() == 5, "forward returned %d states for 5 inputs, expected 5 (h_1 .. h_T)", hs.size());
    }

    @Test
    @Order(8)
    @DisplayName("forward over 5 steps matches RnnCell, each step fed the previous state")
    void forwardSequence(RnnForward rnn) {
        checkSequence(rnn, Matrix.zeros(B, H));
    }

    @Test
    @Order(9)
    @DisplayName("forward starts from the given h0")
    void forwardFromH0(RnnForward rnn) {
        checkSequence(rnn, uniform(B, H, random));
    }

    private void checkSequence(RnnForward rnn, Matrix h0) {
        cell.parameters().get("bh").copyFromInPlace(uniform(1, H, random));
        List<Matrix> xs = Fixtures.sequence(5, B, X, random);
        List<Matrix> expected = cell.forward(xs, State.of(h0)).hs();
        List<Matrix> actual = rnn.forward(Fixtures.copies(xs), h0.copy(), copy(cell));
        Expect.that(actual != null && actual.size() == xs.size(), "forward must return %d states, got %s", xs.size(),
                actual == null ? "null" : actual.size());
        // what common mistakes produce: every step from h0, every step from zeros, the list shifted by one
        List<Matrix> fromH0 = new ArrayList<>();
        List<Matrix> fromZero = cell.forward(xs).hs();
        List<Matrix> shifted = new ArrayList<>();
        shifted.add(h0);
        for (int t = 0; t < xs.size(); t++) {
            fromH0.add(Fixtures.refStep(cell, xs.get(t), State.of(h0)));
            if (t < xs.size() - 1) {
                shifted.add(expected.get(t));
            }
        }
        for (int t = 0; t < xs.size(); t++) {
            Expect.close("h_" + (t + 1), actual.get(t), expected.get(t),
                    new Mistake("each step starts from h0: feed the state you just computed back in as h_{t-1}", fromH0.get(t)),
                    new Mistake("the sequence ignores h0 (it starts from zeros): the first step must use the h0 given", fromZero.get(t)),
                    new Mistake("the list is shifted by one: it starts with h0 instead of h_1", shifted.get(t)));
        }
    }

    private static Matrix onlyFirstRow(Matrix b) {
        Matrix m = Matrix.zeros(B, b.cols());
        for (int j = 0; j < b.cols(); j++) {
            m.set(0, j, b.get(0, j));
        }
        return m;
    }
}
