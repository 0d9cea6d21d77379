// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway is a named module whose descriptor is complete: resolved from the module path with exactly the
 * modules it requires (and theirs), it runs a command, picocli reading and setting its options by reflection.
 * The tests themselves run on the class path; this one builds a module layer of its own.
 */
class GatewayModuleTest {

    private static final String NAME = "io.github.iconiksdk.gateway";

    /** Every module on the test class path by name (the first of a name wins, as on a module path). */
    private static Map<String, ModuleReference> modulesOnClassPath() {
        Map<String, ModuleReference> out = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            try {
                for (ModuleReference m : ModuleFinder.of(Path.of(entry)).findAll()) {
                    out.putIfAbsent(m.descriptor().name(), m);
                }
            } catch (FindException | IllegalArgumentException e) {
                // no module can be made of it (e.g. a jar whose name gives no valid module name): not needed here
            }
        }
        return out;
    }

    private static Path gatewayClasses() throws URISyntaxException {
        return Path.of(GatewayMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theGatewayIsANamedModule_thatOpensItsCommandsToPicocliOnly_andExportsNothing() throws Exception {
        ModuleReference gateway = ModuleFinder.of(gatewayClasses()).find(NAME).orElse(null);
        assertNotNull(gateway, "no module-info.class naming " + NAME + " in " + gatewayClasses());
        ModuleDescriptor d = gateway.descriptor();
        assertTrue(!d.isAutomatic() && !d.isOpen(), d.toString());
        assertTrue(d.exports().isEmpty(), "an application exports nothing: " + d.exports());
        assertEquals(1, d.opens().size(), d.opens().toString());
        ModuleDescriptor.Opens opens = d.opens().iterator().next();
        assertEquals("io.github.iconiksdk.gateway", opens.source());
        assertEquals(Set.of("info.picocli"), opens.targets());
        assertEquals(Set.of("io.github.iconiksdk.gateway"), d.packages());
    }

    @Test
    void resolvedFromTheModulePath_withWhatItRequiresOnly_itRunsACommand() throws Exception {
        Map<String, ModuleReference> all = modulesOnClassPath();
        ModuleReference gateway = ModuleFinder.of(gatewayClasses()).find(NAME).orElseThrow();
        // The module path: the gateway and, transitively, what it requires (not every test library).
        Map<String, Path> path = new LinkedHashMap<>();
        path.put(NAME, gatewayClasses());
        Deque<ModuleDescriptor> todo = new ArrayDeque<>();
        todo.add(gateway.descriptor());
        while (!todo.isEmpty()) {
            for (ModuleDescriptor.Requires r : todo.removeFirst().requires()) {
                String name = r.name();
                if (path.containsKey(name) || ModuleFinder.ofSystem().find(name).isPresent()) {
                    continue;
                }
                ModuleReference m = all.get(name);
                if (m == null && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    continue;
                }
                assertNotNull(m, "required module " + name + " is on no class path entry");
                path.put(name, Path.of(m.location().orElseThrow()));
                todo.add(m.descriptor());
            }
        }
        Configuration cf = ModuleLayer.boot().configuration().resolve(
                ModuleFinder.of(path.values().toArray(Path[]::new)), ModuleFinder.of(), Set.of(NAME));
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(ModuleLayer.boot()),
                ClassLoader.getPlatformClassLoader());
        ModuleLayer layer = controller.layer();
        Class<?> main = layer.findLoader(NAME).loadClass(GatewayMain.class.getName());
        assertEquals(NAME, main.getModule().getName());
        // The module exports nothing (`java -m` may start its main class anyway); this test may call it.
        controller.addExports(main.getModule(), main.getPackageName(), GatewayModuleTest.class.getModule());

        Method execute = main.getMethod("execute", String[].class);
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = (int) execute.invoke(null,
                    (Object) new String[] {"patterns", "--ignore", "*.pdf", "a.PDF", "b.mov"});
        } finally {
            System.setOut(out);
        }
        assertEquals(0, code);
        assertEquals("IGNORED\ta.PDF\nKEPT\tb.mov\n", printed.toString(StandardCharsets.UTF_8));
    }
}
