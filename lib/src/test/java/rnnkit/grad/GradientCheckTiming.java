package rnnkit.grad;

import java.util.List;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;

/**
 * Not a test: times the notebook-sized gradient check in a fresh JVM, as a lesson's first call
 * would run it. Run with the test classpath: {@code java -cp ... rnnkit.grad.GradientCheckTiming}.
 */
public final class GradientCheckTiming {

    private GradientCheckTiming() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            List<RecurrentCell> four = List.of(new RnnCell(4, 8, 1), new SimpleGruCell(4, 8, 2), new GruCell(4, 8, 3),
                    new LstmCell(4, 8, 6));
            boolean passed = true;
            for (RecurrentCell c : four) {
                passed &= GradientCheck.ofCell(c, 20, batch, 11).passed();
            }
            double fourCells = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            for (RecurrentCell c : NotebookSizedCheckTest.everyCell()) {
                passed &= GradientCheck.ofCell(c, 20, batch, 11).passed();
            }
            double all = (System.nanoTime() - start) / 1e6;
            System.out.printf("run %d, B = %d: 4 cells %.0f ms; all 8 cells and variants %.0f ms; passed %s%n", run, batch,
                    fourCells, all, passed);
        }
    }
}
