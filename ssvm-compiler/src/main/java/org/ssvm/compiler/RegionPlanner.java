package org.ssvm.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.binary.CodeReader;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Opcode;

/**
 * Chooses blocks and loops of a big function to compile as separate JVM methods ("regions"), so that every
 * method stays under a size budget: HotSpot does not JIT-compile methods over 8000 bytes of bytecode.
 *
 * <p>Greedy: while some method (the function's, or a region's) is over budget, a block inside it that is not yet a
 * region becomes one: the smallest that alone brings the method under budget, else the largest. Best fit rather
 * than largest first: the largest block of a big function usually holds nearly all of it, its hot paths included,
 * and moving it out puts a call and the locals' round trip through arrays on every path, while a block just big
 * enough is more often a side path. Sizes are in Wasm code bytes; the caller converts its JVM budget.
 */
final class RegionPlanner {
    /** Blocks smaller than this are never worth a method of their own (tests lower it to split everything). */
    static final int MIN_REGION_BYTES = 64;

    /** A block or loop compiled as its own method. */
    static final class Region {
        final int id;
        /** Position of the block/loop instruction, and just after its {@code end}. */
        final int start;
        final int end;
        /** Wasm locals the region reads or writes (it loads them on entry) and those it writes (stored on exit). */
        final BitSet used = new BitSet();
        final BitSet written = new BitSet();

        Region(int id, int start, int end) {
            this.id = id;
            this.start = start;
            this.end = end;
        }
    }

    private record Block(int start, int end) {
        int size() { return end - start; }
    }

    private RegionPlanner() {}

    /** Regions of {@code body} by start position; empty when the body fits {@code budget} bytes as it is. */
    static Map<Integer, Region> plan(FunctionBody body, int budget, int minRegionBytes) {
        List<Block> blocks = new ArrayList<>();
        byte[] code = body.code();
        CodeReader in = CodeReader.forBody(body);
        List<Integer> open = new ArrayList<>();
        List<Boolean> candidate = new ArrayList<>();
        // collect blocks and loops (if/else bodies are left inline: their condition sits on the stack)
        while (in.hasMore()) {
            int at = in.position();
            Opcode op = in.next();
            switch (op) {
                case BLOCK, LOOP, IF -> {
                    open.add(at);
                    candidate.add(op != Opcode.IF && in.blockTypeIndex() < 0);
                }
                case END -> {
                    if (open.isEmpty()) {
                        break; // the function's own end
                    }
                    int start = open.remove(open.size() - 1);
                    boolean ok = candidate.remove(candidate.size() - 1);
                    if (ok) {
                        blocks.add(new Block(start, in.position()));
                    }
                }
                default -> { }
            }
        }
        // units: the whole function (-1) and chosen regions; remaining size of each
        Map<Integer, Region> regions = new HashMap<>();
        Map<Integer, Integer> remaining = new HashMap<>();
        remaining.put(-1, code.length);
        blocks.sort((a, b) -> b.size() - a.size());
        boolean progress = true;
        while (progress) {
            progress = false;
            Block chosen = null;
            int chosenUnit = 0;
            for (Block b : blocks) { // largest first
                if (b.size() < minRegionBytes || regions.containsKey(b.start())) {
                    continue;
                }
                int unit = unitOf(b, regions);
                // a block that is nearly all of its unit would only add a level of calls: look inside it instead
                if (remaining.get(unit) > budget && b.size() <= remaining.get(unit) * 0.9) {
                    if (chosen == null) {
                        chosen = b;
                        chosenUnit = unit;
                    } else if (unit == chosenUnit && b.size() >= remaining.get(unit) - budget) {
                        chosen = b; // smaller, and still enough on its own
                    }
                }
            }
            if (chosen != null) {
                Region r = new Region(regions.size(), chosen.start(), chosen.end());
                int inner = chosen.size();
                // regions already inside the block (chosen earlier for the same unit) now belong to it
                for (Region other : regions.values()) {
                    if (other.start > chosen.start() && other.end <= chosen.end()
                            && unitOf(other, regions) == chosenUnit) {
                        inner -= other.end - other.start;
                    }
                }
                regions.put(chosen.start(), r);
                remaining.put(chosen.start(), inner);
                remaining.put(chosenUnit, remaining.get(chosenUnit) - inner);
                progress = true;
            }
        }
        for (Region r : regions.values()) {
            scanLocals(body, r);
        }
        return regions;
    }

    /** The innermost chosen region strictly containing the block at [start, end), or -1 (the function). */
    private static int unitOf(Block b, Map<Integer, Region> regions) {
        return innermost(b.start(), b.end(), regions);
    }

    private static int unitOf(Region r, Map<Integer, Region> regions) {
        return innermost(r.start, r.end, regions);
    }

    private static int innermost(int start, int end, Map<Integer, Region> regions) {
        int best = -1;
        int bestSize = Integer.MAX_VALUE;
        for (Region r : regions.values()) {
            boolean contains = r.start <= start && end <= r.end && !(r.start == start && r.end == end);
            if (contains && r.end - r.start < bestSize) {
                best = r.start;
                bestSize = r.end - r.start;
            }
        }
        return best;
    }

    private static void scanLocals(FunctionBody body, Region r) {
        CodeReader in = CodeReader.forBody(body);
        in.setPosition(r.start);
        while (in.position() < r.end) {
            Opcode op = in.next();
            switch (op) {
                case LOCAL_GET -> r.used.set(in.index());
                case LOCAL_SET, LOCAL_TEE -> {
                    r.used.set(in.index());
                    r.written.set(in.index());
                }
                default -> { }
            }
        }
    }
}
