package org.ssvm.text;

import java.util.HashMap;
import java.util.Map;

/**
 * The module-level identifier spaces of a text module ({@code $name} to index), filled by the parser's first
 * pass so that fields can refer to entities defined later in the text.
 */
final class Scopes {
    final Map<String, Integer> types = new HashMap<>();
    final Map<String, Integer> funcs = new HashMap<>();
    final Map<String, Integer> tables = new HashMap<>();
    final Map<String, Integer> memories = new HashMap<>();
    final Map<String, Integer> globals = new HashMap<>();
    final Map<String, Integer> elems = new HashMap<>();
    final Map<String, Integer> datas = new HashMap<>();
}
