package io.github.iconiksdk.api.scan;

/**
 * Receives the events of a scan pass, one at a time, in the scanner's thread. Delivery is at least once: an event
 * counts as delivered when this method returns normally. If it throws, the pass stops and the event (and any
 * undelivered one) is reported again on the next pass. Slow listeners slow the scanner down (back-pressure); the
 * scanner never buffers events without bound.
 */
@FunctionalInterface
public interface ScanListener {

    /**
     * Handles one event.
     *
     * @param event the change or notice
     */
    void onEvent(ScanEvent event);
}
