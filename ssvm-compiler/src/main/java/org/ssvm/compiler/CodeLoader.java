package org.ssvm.compiler;

import java.util.Map;

/**
 * Defines the classes generated for one module. Classes are ordinary (not hidden) so that the module's classes
 * can call each other's static methods by name; they are defined on first use.
 */
final class CodeLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    CodeLoader(ClassLoader parent, Map<String, byte[]> classes) {
        super(parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
