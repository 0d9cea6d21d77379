// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs one gateway command in-process with captured stdout and stderr (and optional stdin). */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun run(String... args) {
        return runWithStdin(null, args);
    }

    static synchronized CommandRun runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GatewayMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream saved = System.in;
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int code = cl.execute(args);
            return new CommandRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }
}
