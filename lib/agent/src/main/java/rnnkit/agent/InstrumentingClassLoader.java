package rnnkit.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

/**
 * Loads the classes a predicate selects (by binary name) itself, from the parent's class files,
 * instrumented by {@link StopInstrumenter}; every other class comes from the parent. Outside a
 * kernel this stands in for the agent, for code that must be stoppable (the graders' own tests).
 */
public final class InstrumentingClassLoader extends ClassLoader {

    private final Predicate<String> selected;

    public InstrumentingClassLoader(ClassLoader parent, Predicate<String> selected) {
        super(parent);
        this.selected = selected;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!selected.test(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] original;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    original = in.readAllBytes();
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
                byte[] instrumented = StopInstrumenter.instrument(original);
                byte[] bytes = instrumented == null ? original : instrumented;
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
