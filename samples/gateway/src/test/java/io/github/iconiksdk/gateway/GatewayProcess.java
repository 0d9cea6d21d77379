// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testkit.FakeIconik;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built gateway jar (system property {@code gateway.jar}, set by failsafe) as a child JVM, connected to a fake
 * iconik through the environment (ICONIK_URL, APP_ID, AUTH_TOKEN, STORAGE_ID) as an operator would run it.
 */
final class GatewayProcess {

    private GatewayProcess() {
    }

    /**
     * A process builder for {@code java -jar iconik-gateway.jar ARGS}, stderr merged into stdout.
     *
     * @param fake the fake iconik whose URL, credentials and storage the gateway uses
     * @param args the gateway's command and options
     * @return the builder; set its output and start it
     */
    static ProcessBuilder against(FakeIconik fake, String... args) {
        return against(fake, List.of(), args);
    }

    /**
     * As {@link #against(FakeIconik, String...)}, with options for the child JVM (such as {@code -Xmx256m}).
     *
     * @param fake       the fake iconik whose URL, credentials and storage the gateway uses
     * @param jvmOptions options placed before {@code -jar}
     * @param args       the gateway's command and options
     * @return the builder; set its output and start it
     */
    static ProcessBuilder against(FakeIconik fake, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(System.getProperty("gateway.jar"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ICONIK_URL", fake.url());
        pb.environment().put("APP_ID", fake.appId());
        pb.environment().put("AUTH_TOKEN", fake.authToken());
        pb.environment().put("STORAGE_ID", fake.storageId());
        return pb;
    }
}
