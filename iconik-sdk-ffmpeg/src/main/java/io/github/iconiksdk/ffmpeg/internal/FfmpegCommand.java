// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One ffmpeg invocation as an immutable value: inputs, an optional filter graph and outputs, rendered to an
 * argument list (never a shell string, so no file name is ever interpreted by a shell).
 *
 * <p>Every command carries the options the SDK relies on: {@code -nostats -progress pipe:1} (progress as
 * {@code key=value} lines on stdout), {@code -loglevel level+warning} (each stderr line tagged with its level, so
 * error lines can be told apart), {@code -xerror} (a decode error fails the run instead of producing a damaged
 * proxy) and {@code -y} (outputs are fresh temporary files).
 *
 * @param executable  the ffmpeg binary
 * @param inputs      the inputs, in order ({@code 0:v} is the first)
 * @param filterGraph the {@code -filter_complex} graph, or {@code null}
 * @param outputs     the outputs, in order
 */
public record FfmpegCommand(Path executable, List<Input> inputs, String filterGraph, List<Output> outputs) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if the executable or a list is null
     */
    public FfmpegCommand {
        Objects.requireNonNull(executable, "executable");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * An input file with the options that precede its {@code -i}.
     *
     * @param options input options
     * @param file    the file
     */
    public record Input(List<String> options, Path file) {
        /** Validates and copies. */
        public Input {
            options = List.copyOf(options);
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * An output file with the options that precede it.
     *
     * @param options output options ({@code -map}, codecs, {@code -f})
     * @param file    the file (or an image2 pattern such as {@code keyframes/%04d.jpg})
     */
    public record Output(List<String> options, Path file) {
        /** Validates and copies. */
        public Output {
            options = List.copyOf(options);
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * @param executable the ffmpeg binary
     * @return a command with no inputs or outputs yet
     */
    public static FfmpegCommand of(Path executable) {
        return new FfmpegCommand(executable, List.of(), null, List.of());
    }

    /**
     * @param file    an input file
     * @param options options for that input
     * @return a copy with the input appended
     */
    public FfmpegCommand withInput(Path file, String... options) {
        List<Input> list = new ArrayList<>(inputs);
        list.add(new Input(List.of(options), file));
        return new FfmpegCommand(executable, list, filterGraph, outputs);
    }

    /**
     * @param graph the {@code -filter_complex} graph
     * @return a copy with the graph set
     */
    public FfmpegCommand withFilterGraph(String graph) {
        return new FfmpegCommand(executable, inputs, graph, outputs);
    }

    /**
     * @param file    an output file
     * @param options its options
     * @return a copy with the output appended
     */
    public FfmpegCommand withOutput(Path file, List<String> options) {
        List<Output> list = new ArrayList<>(outputs);
        list.add(new Output(options, file));
        return new FfmpegCommand(executable, inputs, filterGraph, list);
    }

    /** @return the full argument list, the executable first */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        args.add(executable.toString());
        args.addAll(List.of("-hide_banner", "-nostats", "-loglevel", "level+warning", "-progress", "pipe:1",
                "-xerror", "-y"));
        for (Input in : inputs) {
            args.addAll(in.options());
            args.add("-i");
            args.add(in.file().toString());
        }
        if (filterGraph != null) {
            args.add("-filter_complex");
            args.add(filterGraph);
        }
        for (Output out : outputs) {
            args.addAll(out.options());
            args.add(out.file().toString());
        }
        return List.copyOf(args);
    }
}
