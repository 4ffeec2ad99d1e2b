package dev.sparkpipeline.curate.source;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that finds its next element ahead of being asked, once, and ends for good the first
 * time {@link #advance} finds none: the shape of every reader here, which only knows it has a
 * record after reading one.
 *
 * @param <T> the elements
 */
abstract class Lookahead<T> implements Iterator<T> {

    private T next;
    private boolean ended;

    /** The next element, or null at the end. */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !ended) {
            next = advance();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T element = next;
        next = null;
        return element;
    }
}
