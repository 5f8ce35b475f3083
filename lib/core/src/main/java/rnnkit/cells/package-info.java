/**
 * Recurrent cells written from scratch: forward over a sequence, batch-capable, with hand-written
 * backpropagation through time.
 *
 * <table>
 *   <caption>The cells and their parameter names</caption>
 *   <tr><th>cell</th><th>parameters</th><th>gates in a trace</th><th>state</th></tr>
 *   <tr><td>{@link rnnkit.cells.RnnCell}</td><td>Wxh, Whh, bh</td><td>h</td><td>h</td></tr>
 *   <tr><td>{@link rnnkit.cells.SimpleGruCell}</td><td>Wxz, Whz, bz, Wxh, Whh, bh</td><td>z, hTilde</td><td>h</td></tr>
 *   <tr><td>{@link rnnkit.cells.GruCell}</td><td>Wxz, Whz, bz, Wxr, Whr, br, Wxh, Whh, bh (+ bhh when the reset
 *       acts after the product)</td><td>z, r, hTilde</td><td>h</td></tr>
 *   <tr><td>{@link rnnkit.cells.LstmCell}</td><td>Wxi, Whi, bi, Wxf, Whf, bf, Wxo, Who, bo, Wxg, Whg, bg (no
 *       Wxf, Whf, bf without a forget gate)</td><td>i, f, o, g</td><td>h, c</td></tr>
 * </table>
 *
 * <p>Shapes: a sequence is a list of T matrices x_t of shape B x X (one row per example); Wx* are
 * X x H, Wh* are H x H, b* are 1 x H; every state and gate is B x H. Weights act on row vectors,
 * x_t Wx*, so a PyTorch weight (H x X, acting on columns) is the transpose of ours.
 *
 * <p>Every cell's class comment writes its equations and maps the notations of the articles the lessons
 * follow (Ng's Γu, Γr, Γf, Γo and c̃; Kurong's z^f, z^i, z^o; PyTorch's r, z, n and i, f, g, o) to
 * these names. Sources: Cho et al. 2014 (arXiv:1406.1078) for the GRU; Hochreiter and Schmidhuber
 * 1997 and Gers, Schmidhuber and Cummins 2000 for the LSTM; Andrew Ng's Sequence Models course
 * (Coursera); the PyTorch documentation of nn.GRU and nn.LSTM; M. Kramer, "GRUs and LSTMs for
 * Natural Language Processing" (CodeX, Medium); N. Kumar, "Long Short-Term Memory and Gated
 * Recurrent Units Explained, ELI5 Way" (Towards Data Science, 2019); Kurong, "RNN速成（二）" (2024).
 */
package rnnkit.cells;
