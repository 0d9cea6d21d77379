// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands events to the pipeline's listener, then to the listeners added since ({@link #add}); a listener that throws
 * is logged, never allowed to break a stage or keep the event from the others.
 */
public final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final IngestListener listener;
    private final List<IngestListener> added = new CopyOnWriteArrayList<>();

    /** @param listener the pipeline's listener */
    public Events(IngestListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @param event the event to deliver */
    public void emit(IngestEvent event) {
        deliver(listener, event);
        for (IngestListener l : added) {
            deliver(l, event);
        }
    }

    private static void deliver(IngestListener l, IngestEvent event) {
        try {
            l.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("the ingest listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    /** @param l a listener that receives every event from now on, after the pipeline's own */
    public void add(IngestListener l) {
        added.add(Objects.requireNonNull(l, "listener"));
    }

    /** @param l a listener added earlier; it receives nothing more (a no-op when it was not added) */
    public void remove(IngestListener l) {
        added.remove(l);
    }

    /**
     * @param path    the file concerned, relative to the storage root
     * @param message a problem with it, naming it
     */
    public void problem(String path, String message) {
        emit(new IngestEvent.Problem(java.util.Optional.of(path), message));
    }

    /** @param message a notice, naming the file */
    public void notice(String message) {
        emit(new IngestEvent.Notice(message));
    }
}
