package rnnkit.lessons.gates;

import java.util.List;

import rnnkit.data.OneHot;
import rnnkit.data.Batch;
import rnnkit.nn.SequenceModel;
import rnnkit.tensor.Matrix;

/** The fraction of predictions whose largest logit is the target's class. */
public final class Accuracy {

    private Accuracy() {
    }

    /**
     * Over every predicting step and every example of the batch (one step for a many-to-one model,
     * every step for a many-to-many model), from a zero state: the share of argmax(logits) equal to
     * argmax(target).
     */
    public static double of(SequenceModel model, Batch batch) {
        if (model == null || batch == null) {
            throw new IllegalArgumentException("model and batch must not be null");
        }
        List<Matrix> logits = model.forward(batch.inputs(), null).logits();
        if (logits.size() != batch.targets().size()) {
            throw new IllegalArgumentException("batch: the model predicts at " + logits.size() + " steps but the batch has "
                    + batch.targets().size() + " targets");
        }
        int right = 0;
        int total = 0;
        for (int k = 0; k < logits.size(); k++) {
            int[] predicted = OneHot.argmax(logits.get(k));
            int[] wanted = OneHot.argmax(batch.targets().get(k));
            for (int b = 0; b < predicted.length; b++) {
                right += predicted[b] == wanted[b] ? 1 : 0;
                total++;
            }
        }
        return (double) right / total;
    }
}
