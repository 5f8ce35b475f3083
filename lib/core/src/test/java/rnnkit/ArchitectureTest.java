package rnnkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The layers of the core library, named here and only here, bottom first. A package may use the
 * packages of the levels below its own and nothing above or beside it:
 *
 * <pre>
 *   gradcheck   io   plot   notebook     checking, files, charts, the notebook display
 *   train                                 optimizers, clipping, the training loop
 *   nn                                    output layers, losses, whole models, sampling
 *   cells       data                      recurrent cells and their BPTT; vocabularies and batches
 *   params                                named parameter sets, objectives
 *   tensor                                matrices and their products
 * </pre>
 *
 * The other roles are Maven modules above the core (lib/pom.xml): lessons, exercises (the only one with
 * JUnit at compile scope) and bench. Maven keeps them from being used by the core: the core does not
 * depend on them.
 */
class ArchitectureTest {

    /** The levels, bottom first; packages on one level do not use each other. */
    static final List<List<String>> LEVELS = List.of(
            List.of("tensor"),
            List.of("params"),
            List.of("cells", "data"),
            List.of("nn"),
            List.of("train"),
            List.of("gradcheck", "io", "plot", "notebook"));

    /** Every package of the core, as a layer that may only use the levels below it. */
    static LayeredArchitecture layers() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LEVELS) {
            for (String name : level) {
                rule = rule.layer(name).definedBy("rnnkit." + name + "..");
            }
        }
        List<String> below = new ArrayList<>();
        for (List<String> level : LEVELS) {
            for (String name : level) {
                rule = below.isEmpty()
                        ? rule.whereLayer(name).mayNotAccessAnyLayer()
                        : rule.whereLayer(name).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
            below.addAll(level);
        }
        return rule;
    }

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("rnnkit");

    @Test
    void everyDependencyPointsDown() {
        layers().check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("rnnkit.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreDoesNotUseJUnit() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.junit..").check(MAIN);
    }

    @Test
    void everyMainPackageHasALayer() {
        List<String> named = LEVELS.stream().flatMap(List::stream).map(n -> "rnnkit." + n).toList();
        List<String> missing = MAIN.stream().map(c -> c.getPackageName())
                .filter(p -> named.stream().noneMatch(n -> p.equals(n) || p.startsWith(n + ".")))
                .distinct().sorted().toList();
        assertTrue(missing.isEmpty(), "packages with no layer in ArchitectureTest.LEVELS: " + missing);
    }

    /** The rule is not vacuous: a class in tensor that uses a cell (a fixture in the test sources) breaks it. */
    @Test
    void aBackEdgeIsReported() {
        JavaClasses withFixture = new ClassFileImporter().importPackages("rnnkit.tensor", "rnnkit.cells");
        ArchRule rule = layers();
        EvaluationResult result = rule.evaluate(withFixture);
        assertTrue(result.hasViolation(), "the fixture's back-edge from tensor to cells must be a violation");
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("rnnkit.tensor.BackEdgeFixture"), report);
        assertFalse(layers().evaluate(MAIN).hasViolation());
    }
}
