package rnnkit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;
import rnnkit.gradcheck.GradientCheck;

/**
 * Times the gradient check a lesson runs, {@code GradientCheck.ofCell(cell, T = 20, B, seed)} at
 * H = 8, for each cell: the first call in this JVM (what a student waits for in a fresh kernel)
 * and the median of the next five. One JSON line per cell and batch size.
 *
 * <pre>
 *   environment/bench --gradcheck
 * </pre>
 */
final class GradientCheckBenchmark {

    private GradientCheckBenchmark() {
    }

    public static void main(String[] args) {
        List<String> names = List.of("rnn", "simple-gru", "gru", "lstm");
        List<Supplier<RecurrentCell>> cells = List.of(() -> new RnnCell(4, 8, 1), () -> new SimpleGruCell(4, 8, 2),
                () -> new GruCell(4, 8, 3), () -> new LstmCell(4, 8, 6));
        for (int batch : new int[] {1, 2}) {
            for (int c = 0; c < cells.size(); c++) {
                List<Double> ms = new ArrayList<>();
                boolean passed = true;
                for (int run = 0; run < 6; run++) {
                    RecurrentCell cell = cells.get(c).get();
                    long start = System.nanoTime();
                    passed &= GradientCheck.ofCell(cell, 20, batch, 11).passed();
                    ms.add((System.nanoTime() - start) / 1e6);
                }
                double first = ms.get(0);
                List<Double> warm = new ArrayList<>(ms.subList(1, ms.size()));
                warm.sort(null);
                System.out.println(String.format(Locale.ROOT,
                        "{\"gradcheck\":\"%s\",\"hidden\":8,\"seq\":20,\"batch\":%d,\"first_ms\":%.1f,\"warm_ms\":%.1f,\"passed\":%s}",
                        names.get(c), batch, first, warm.get(warm.size() / 2), passed));
            }
        }
    }
}
