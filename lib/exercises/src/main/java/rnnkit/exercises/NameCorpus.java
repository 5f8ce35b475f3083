package rnnkit.exercises;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The capstone's corpus: 1500 invented names, generated here from a small syllable grammar written
 * for the kit (no outside data, nothing downloaded). A name is two or three syllables, each an onset
 * consonant (or none), a vowel, and sometimes a closing consonant, with a few common endings: "kalira",
 * "doren", "mivosa". The grammar allows millions of names, so a model that learned its shape writes
 * names that are new but look like these; the same seed always gives the same list.
 *
 * <p>Letters are a to z; {@link #END} marks the end of a name for a model that must learn where names stop.
 */
public final class NameCorpus {

    /** The end-of-name token, the 27th symbol after a to z. */
    public static final char END = '.';

    /** The model's symbols, a to z then END: index k of a (1, 27) row of probabilities is ALPHABET.charAt(k). */
    public static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz" + END;

    private static final String[] ONSETS = {"", "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
        "dr", "kr", "st", "th", "sh"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ia", "ae"};
    private static final String[] CODAS = {"", "", "", "n", "r", "l", "s", "th", "m"};
    private static final String[] ENDINGS = {"", "", "", "a", "on", "iel", "ra", "wyn", "dor", "eth"};

    private NameCorpus() {
    }

    /** The 1500 names of the given seed (the notebook and the grader use seed 2026), in a shuffled order. */
    public static List<String> names(long seed) {
        Random random = new Random(seed);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < 1500) {
            StringBuilder name = new StringBuilder();
            int syllables = 2 + (random.nextInt(3) == 0 ? 1 : 0);
            for (int s = 0; s < syllables; s++) {
                name.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
                if (s == syllables - 1 || random.nextInt(3) == 0) {
                    name.append(CODAS[random.nextInt(CODAS.length)]);
                }
            }
            name.append(ENDINGS[random.nextInt(ENDINGS.length)]);
            if (name.length() >= 3 && name.length() <= 12) {
                names.add(name.toString());
            }
        }
        List<String> list = new ArrayList<>(names);
        Collections.shuffle(list, random);
        return List.copyOf(list);
    }

    /** The index of a symbol in {@link #ALPHABET}. */
    public static int index(char symbol) {
        int k = ALPHABET.indexOf(symbol);
        if (k < 0) {
            throw new IllegalArgumentException("'" + symbol + "' is not one of a to z or the end token '" + END + "'");
        }
        return k;
    }
}
