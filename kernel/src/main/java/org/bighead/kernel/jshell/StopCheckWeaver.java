package org.bighead.kernel.jshell;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a class compiled from a cell so that it calls {@link StopCheck#check} at the entry of every method and
 * before every backward branch (each loop's way back), as JDK 25's own {@code LocalExecutionControl} does with the
 * ClassFile API; ASM does the same from Java 17 on. The call takes no operands and leaves the stack as it was, so
 * the class's stack sizes and frames stay valid as they are and nothing is recomputed: rewriting a snippet's class
 * takes microseconds.
 */
final class StopCheckWeaver {
    private static final String OWNER = Type.getInternalName(StopCheck.class);

    private StopCheckWeaver() {}

    /** The class with the stop checks woven in; throws IllegalArgumentException for a class file ASM cannot read. */
    static byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0); // the constant pool is copied, not rebuilt
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                        return next == null ? null : new Checks(next);
                    }
                },
                0);
        return writer.toByteArray();
    }

    /** Puts the checks into one method body (abstract and native methods have none: visitCode is never called). */
    private static final class Checks extends MethodVisitor {
        private final Set<Label> passed = new HashSet<>();

        Checks(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            passed.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            if (passed.contains(target)) {
                check();
            }
            super.visitJumpInsn(opcode, target);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (backward(dflt, labels)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (backward(dflt, labels)) {
                check();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean backward(Label dflt, Label[] labels) {
            if (passed.contains(dflt)) {
                return true;
            }
            for (Label label : labels) {
                if (passed.contains(label)) {
                    return true;
                }
            }
            return false;
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
        }
    }
}
