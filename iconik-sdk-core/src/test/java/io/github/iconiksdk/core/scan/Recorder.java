// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanListener;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects events as {@code TYPE path} lines (MOVED: {@code MOVED from -> to}). */
class Recorder implements ScanListener {
    final List<ScanEvent> events = new ArrayList<>();

    @Override
    public void onEvent(ScanEvent event) {
        events.add(event);
    }

    List<String> lines() {
        return events.stream().map(Recorder::line).collect(Collectors.toList());
    }

    /** @return the i-th event, which must be a change */
    ScanEvent.Change change(int i) {
        return (ScanEvent.Change) events.get(i);
    }

    /** @return the name of the event's change or notice type */
    static String type(ScanEvent e) {
        return e instanceof ScanEvent.Change c ? c.type().name() : ((ScanEvent.Notice) e).type().name();
    }

    static String line(ScanEvent e) {
        if (e instanceof ScanEvent.Change c && c.movedFrom().isPresent()) {
            return "MOVED " + c.movedFrom().get() + " -> " + e.path();
        }
        return type(e) + " " + e.path();
    }
}
