package com.ezscale.billing.jobs.batch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads items in pages keyed on an increasing id ({@code WHERE id > :after ORDER BY id LIMIT n}),
 * so memory holds one page whatever the table's size, and the position survives a crash: the id
 * of the last item handed out is saved in the step's context at every commit, and a restart
 * resumes after it.
 */
public abstract class KeysetPageReader<T> implements ItemStreamReader<T> {

    private final String contextKey;
    private final Deque<T> page = new ArrayDeque<>();
    private long lastReadId;
    private long lastFetchedId;

    protected KeysetPageReader(String contextKey) {
        this.contextKey = contextKey;
    }

    /** The page of items whose id is greater than {@code afterId}, in id order. */
    protected abstract List<T> fetchPage(long afterId);

    protected abstract long idOf(T item);

    @Override
    public void open(ExecutionContext context) {
        lastReadId = context.getLong(contextKey, 0L);
        lastFetchedId = lastReadId;
        page.clear();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(contextKey, lastReadId);
    }

    @Override
    public T read() {
        if (page.isEmpty()) {
            List<T> next = fetchPage(lastFetchedId);
            if (!next.isEmpty()) {
                page.addAll(next);
                lastFetchedId = idOf(next.get(next.size() - 1));
            }
        }
        T item = page.poll();
        if (item != null) {
            lastReadId = idOf(item);
        }
        return item;
    }
}
