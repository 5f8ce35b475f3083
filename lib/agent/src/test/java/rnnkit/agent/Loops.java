package rnnkit.agent;

import java.util.ArrayList;
import java.util.List;

/** Loops of every shape (for, while, do, nested, switch, streams' lambdas); toString reports what they computed. */
public final class Loops {

    @Override
    public String toString() {
        long sum = 0;
        for (int i = 0; i < 100; i++) {
            sum += i;
        }
        int n = 27;
        int steps = 0;
        while (n != 1) {
            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        int k = 0;
        do {
            k += 3;
        } while (k < 50);
        List<String> words = new ArrayList<>();
        outer:
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (i * j > 6) {
                    continue outer;
                }
                switch ((i + j) % 3) {
                    case 0 -> words.add("a");
                    case 1 -> words.add("b");
                    default -> words.add("c");
                }
            }
        }
        double squares = java.util.stream.IntStream.range(0, 10).mapToDouble(v -> v * v).sum();
        return sum + " " + steps + " " + k + " " + String.join("", words) + " " + squares;
    }
}
