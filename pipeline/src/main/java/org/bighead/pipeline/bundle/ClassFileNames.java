package org.bighead.pipeline.bundle;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class names a class file mentions, read from its constant pool: class entries and the {@code L…;} types inside
 * descriptors and signatures. Enough to find which other notebook classes a class needs, with no bytecode library.
 */
final class ClassFileNames {
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([^;<>]+)[;<]");

    private ClassFileNames() {}

    /** Binary names ({@code a.b.C$D}) mentioned by {@code classFile}. */
    static Set<String> referenced(byte[] classFile) {
        Set<String> names = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new BundleException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // two shorts or one int
                    case 5, 6 -> {
                        in.readLong();
                        i++; // long and double take two slots
                    }
                    default -> throw new BundleException("unknown constant pool tag " + tag);
                }
            }
            for (int i = 1; i < count; i++) {
                if (classNameIndex[i] != 0 && utf8[classNameIndex[i]] != null) {
                    String name = utf8[classNameIndex[i]];
                    if (name.startsWith("[")) {
                        addDescriptorTypes(name, names);
                    } else {
                        names.add(name.replace('/', '.'));
                    }
                }
                if (utf8[i] != null && (utf8[i].startsWith("(") || utf8[i].contains(";"))) {
                    addDescriptorTypes(utf8[i], names);
                }
            }
        } catch (IOException e) {
            throw new BundleException("a class file could not be read: " + e.getMessage());
        }
        return names;
    }

    private static void addDescriptorTypes(String descriptor, Set<String> names) {
        Matcher m = DESCRIPTOR_TYPE.matcher(descriptor);
        while (m.find()) {
            names.add(m.group(1).replace('/', '.'));
        }
    }
}
