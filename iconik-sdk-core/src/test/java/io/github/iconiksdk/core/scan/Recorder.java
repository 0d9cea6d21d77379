package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanEventType;
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

    List<ScanEvent> ofType(ScanEventType type) {
        return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
    }

    static String line(ScanEvent e) {
        if (e.type() == ScanEventType.MOVED) {
            return "MOVED " + e.previousPath() + " -> " + e.path();
        }
        return e.type() + " " + e.path();
    }
}
