// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import io.github.iconiksdk.testkit.FaultKind;
import io.github.iconiksdk.testkit.Faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Decides which fault, if any, a request gets: first scripted faults ({@code failNext}), then the random faults of
 * the first per-endpoint rule that matches, else the global ones. Thread-safe.
 */
public final class FaultPlan {

    /**
     * What happens to one request.
     *
     * @param fault the fault, or null
     * @param latency the delay before the answer
     */
    public record Decision(FaultKind fault, Duration latency) {
    }

    private record Rule(String method, Pattern path, Faults faults) {
        boolean matches(String m, String p) {
            return (method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
        }
    }

    private static final class Scripted {
        final String method;
        final Pattern path;
        final FaultKind kind;
        int remaining;

        Scripted(String method, Pattern path, FaultKind kind, int remaining) {
            this.method = method;
            this.path = path;
            this.kind = kind;
            this.remaining = remaining;
        }
    }

    private final Random random;
    private Faults global = Faults.none();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Scripted> scripted = new ArrayList<>();

    /**
     * Creates a plan.
     *
     * @param seed the seed of the random draws (for reproducible runs)
     */
    public FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    /** @param faults the faults for every request no rule matches */
    public synchronized void global(Faults faults) {
        this.global = faults;
    }

    /** @return the faults for every request no rule matches */
    public synchronized Faults global() {
        return global;
    }

    /**
     * Adds a per-endpoint rule (checked in the order added, before the global faults).
     *
     * @param method an HTTP method or {@code *}
     * @param pathRegex a regular expression the whole path must match
     * @param faults the faults
     */
    public synchronized void rule(String method, String pathRegex, Faults faults) {
        rules.add(new Rule(method, Pattern.compile(pathRegex), faults));
    }

    /**
     * Makes the next matching requests fail.
     *
     * @param kind the fault
     * @param method an HTTP method or {@code *}
     * @param pathRegex a regular expression the whole path must match
     * @param times how many requests
     */
    public synchronized void failNext(FaultKind kind, String method, String pathRegex, int times) {
        scripted.add(new Scripted(method, Pattern.compile(pathRegex), kind, times));
    }

    /** Removes every rule, scripted fault and global fault. */
    public synchronized void clear() {
        rules.clear();
        scripted.clear();
        global = Faults.none();
    }

    /**
     * Decides the fate of a request.
     *
     * @param method its method
     * @param path its path
     * @return the decision
     */
    public synchronized Decision decide(String method, String path) {
        Faults f = global;
        for (Rule r : rules) {
            if (r.matches(method, path)) {
                f = r.faults();
                break;
            }
        }
        for (Iterator<Scripted> it = scripted.iterator(); it.hasNext(); ) {
            Scripted s = it.next();
            if ((s.method.equals("*") || s.method.equalsIgnoreCase(method)) && s.path.matcher(path).matches()) {
                if (--s.remaining <= 0) {
                    it.remove();
                }
                return new Decision(s.kind, f.latency());
            }
        }
        double r = random.nextDouble();
        FaultKind kind = null;
        if (r < f.serverErrorRate()) {
            kind = FaultKind.SERVER_ERROR;
        } else if (r < f.serverErrorRate() + f.rateLimitRate()) {
            kind = FaultKind.RATE_LIMITED;
        } else if (r < f.serverErrorRate() + f.rateLimitRate() + f.resetRate()) {
            kind = random.nextBoolean() ? FaultKind.RESET_BEFORE_APPLY : FaultKind.RESET_AFTER_APPLY;
        }
        return new Decision(kind, f.latency());
    }

    /** @return a 5xx status for a server error */
    public synchronized int serverErrorStatus() {
        int[] statuses = {500, 502, 503};
        return statuses[random.nextInt(statuses.length)];
    }
}
