package dev.facetype.dataset.split;

/** Disjoint sets over 0..n-1 (path halving, union by size): which samples must stay together. */
public final class UnionFind {

    private final int[] parent;
    private final int[] size;

    public UnionFind(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    /** The representative of {@code i}'s set. */
    public int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins the sets of {@code a} and {@code b}. */
    public void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
    }

    /**
     * A group number for every element, numbered 0.. in order of each group's first element, so the numbering
     * does not depend on the order of unions.
     */
    public int[] groups() {
        int[] group = new int[parent.length];
        int[] numberOfRoot = new int[parent.length];
        java.util.Arrays.fill(numberOfRoot, -1);
        int next = 0;
        for (int i = 0; i < parent.length; i++) {
            int root = find(i);
            if (numberOfRoot[root] < 0) {
                numberOfRoot[root] = next++;
            }
            group[i] = numberOfRoot[root];
        }
        return group;
    }
}
