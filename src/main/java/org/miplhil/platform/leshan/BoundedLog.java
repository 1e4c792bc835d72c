package org.miplhil.platform.leshan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A list that keeps the last {@code capacity} items; snapshots are copies. */
final class BoundedLog<T> {
    private final int capacity;
    private final Deque<T> items = new ArrayDeque<>();

    BoundedLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    synchronized List<T> snapshot() {
        return List.copyOf(items);
    }
}
