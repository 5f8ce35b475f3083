package rnnkit.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import rnnkit.cells.GruCell;
import rnnkit.cells.LstmCell;
import rnnkit.cells.RecurrentCell;
import rnnkit.cells.RnnCell;
import rnnkit.cells.SimpleGruCell;

/** The call a lesson makes: a gradient check of every cell at H = 8, T = 20. GradientCheckTiming times it. */
@DisplayName("the notebook-sized gradient check (H = 8, T = 20) passes for every cell and variant")
class NotebookSizedCheckTest {

    static List<RecurrentCell> everyCell() {
        return List.of(new RnnCell(4, 8, 1), new SimpleGruCell(4, 8, 2), new GruCell(4, 8, 3),
                new GruCell(4, 8, 4, GruCell.Options.PYTORCH), new GruCell(4, 8, 5, GruCell.Options.CHO_2014),
                new LstmCell(4, 8, 6), new LstmCell(4, 8, 7, LstmCell.Options.noForgetGate()),
                new LstmCell(4, 8, 8, LstmCell.Options.forgetBias(1.0)));
    }

    @Test
    void everyCellPasses() {
        for (RecurrentCell cell : everyCell()) {
            GradientCheckReport r = GradientCheck.ofCell(cell, 20, 2, 11);
            assertTrue(r.passed(), () -> cell + "\n" + r);
        }
    }
}
