package rnnkit.agent;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites a class so that every backward jump (a loop's turn: a {@code goto} or conditional jump to
 * a label already passed) first calls {@link Stop#check()}, as JShell's own local execution does on
 * recent JDKs. The call takes nothing from the stack and leaves nothing on it, and adds no jump
 * target, so the existing stack map frames stay valid and nothing has to be recomputed.
 */
public final class StopInstrumenter {

    static final String STOP = "rnnkit/agent/Stop";

    private StopInstrumenter() {
    }

    /** The class with its loops checked, or null if ASM cannot read it (a class file newer than it knows). */
    public static byte[] instrument(byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (IllegalArgumentException newerThanAsm) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new LoopChecks(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Calls Stop.check() before each jump to a label this method has already placed. */
    private static final class LoopChecks extends MethodVisitor {
        private final Set<Label> placed = new HashSet<>();

        LoopChecks(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitLabel(Label label) {
            placed.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (placed.contains(label)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            checkIfBackward(dflt, labels);
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            checkIfBackward(dflt, labels);
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private void checkIfBackward(Label dflt, Label[] labels) {
            boolean backward = placed.contains(dflt);
            for (Label l : labels) {
                backward |= placed.contains(l);
            }
            if (backward) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
            }
        }
    }
}
