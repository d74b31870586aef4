package org.ssvm.compiler;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the classes a class file's constant pool names, reading only the constant pool. Loading stored code
 * checks them against a list before defining the class; the class file API would do the same but costs tens of
 * milliseconds to load and warm up in a fresh JVM, more than the check itself.
 */
final class ClassRefs {
    private ClassRefs() {
    }

    /** The internal names of the CONSTANT_Class entries; IllegalArgumentException if the pool is malformed. */
    static List<String> of(byte[] classFile) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readInt(); // minor and major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // takes two entries
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            List<String> names = new ArrayList<>(classNames.size());
            for (int index : classNames) {
                if (index <= 0 || index >= count || utf8[index] == null) {
                    throw new IllegalArgumentException("bad class name index " + index);
                }
                names.add(utf8[index]);
            }
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated class file", e);
        }
    }
}
