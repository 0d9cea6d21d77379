package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** Hands events to the pipeline's listener; a listener that throws is logged, never allowed to break a stage. */
public final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final IngestListener listener;

    /** @param listener the pipeline's listener */
    public Events(IngestListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @param event the event to deliver */
    public void emit(IngestEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("the ingest listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
        }
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
