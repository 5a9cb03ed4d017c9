package org.medmatch.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.join.ParentJoinPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.percolator.PercolatorPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Single-node OpenSearch for local development and tests. Runs the real
 * org.opensearch.node.Node with the standard modules loaded as classpath
 * plugins, instead of going through the distribution's Bootstrap.
 *
 * Usage: java -cp 'target/medmatch-search-node.jar:target/lib/*' org.medmatch.search.LocalNode
 *        -Dmedmatch.home=DIR [-Dmedmatch.http.port=9201] [-Ekey=value ...]
 */
public final class LocalNode extends Node {

    static final List<Class<? extends Plugin>> MODULES = List.of(
        Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class, PercolatorPlugin.class,
        ParentJoinPlugin.class, ReindexPlugin.class, PainlessPlugin.class);

    private LocalNode(Environment environment) {
        super(environment, MODULES, true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("medmatch.home", ".run/opensearch")).toAbsolutePath().normalize();
        int httpPort = Integer.getInteger("medmatch.http.port", 9201);
        for (String dir : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(dir));
        }
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "medmatch-local")
            .put("node.name", "medmatch-local-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", (httpPort + 100) + "-" + (httpPort + 199)) // not used by clients; a range avoids clashes
            .put("cluster.routing.allocation.disk.threshold_enabled", false) // never go read-only on a full disk
            // With the serial collector, heap "in use" includes garbage not yet collected;
            // count only what requests reserve, or a busy test run is refused with 429.
            .put("indices.breaker.total.use_real_memory", false)
            .build();
        Map<String, String> overrides = new HashMap<>(); // -Ekey=value, as with the opensearch script
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("-E") || eq < 3) {
                throw new IllegalArgumentException("expected -Ekey=value, got: " + arg);
            }
            overrides.put(arg.substring(2, eq), arg.substring(eq + 1));
        }

        // Classpath plugins do not get ExtensiblePlugin.loadExtensions() called by PluginsService.
        // Painless keeps its allowlists in a static map, so feed it the SPI extensions
        // (e.g. analysis-common's) before the node creates the script engine.
        new PainlessPlugin().loadExtensions(new ExtensionLoaderViaServiceLoader());

        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings, overrides, home.resolve("config"), () -> "medmatch-local-node");
        LocalNode node;
        try {
            node = new LocalNode(env);
        } catch (Throwable t) {
            System.err.println("[medmatch] OpenSearch node could not be created");
            t.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[medmatch] stopping OpenSearch node");
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
                System.out.println("[medmatch] OpenSearch node stopped");
            }
        }, "medmatch-shutdown"));
        try {
            node.start();
        } catch (Throwable t) {
            System.err.println("[medmatch] OpenSearch node failed to start");
            t.printStackTrace();
            System.exit(1); // runs the shutdown hook, which closes the node
        }
        System.out.println("[medmatch] OpenSearch " + org.opensearch.Version.CURRENT + " started: http://"
            + env.settings().get("network.host") + ":" + env.settings().get("http.port") + " home=" + home);
        stopped.await(); // keep a non-daemon thread alive until the shutdown hook has run
    }

    /** Loads ExtensiblePlugin extensions with java.util.ServiceLoader from the application classpath. */
    private static final class ExtensionLoaderViaServiceLoader implements org.opensearch.plugins.ExtensiblePlugin.ExtensionLoader {
        @Override
        public <T> List<T> loadExtensions(Class<T> type) {
            return ServiceLoader.load(type, LocalNode.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        }
    }
}
