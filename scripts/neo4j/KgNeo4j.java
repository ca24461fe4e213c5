/*
 * Launcher of the project's local Neo4j (Community Edition resolved from Maven Central by start.sh).
 * Starts the server with the settings of KG_NEO4J_CONF, makes sure the user named in the environment
 * exists with the password from the environment (never printed), then writes a "ready" marker and
 * runs until it gets SIGTERM/SIGINT, when it shuts the server down cleanly.
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.server.CommunityBootstrapper;

public final class KgNeo4j {
    private KgNeo4j() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("KG_NEO4J_HOME")).toAbsolutePath();
        Path conf = Path.of(required("KG_NEO4J_CONF")).toAbsolutePath();
        Path ready = Path.of(required("KG_NEO4J_READY")).toAbsolutePath();
        String user = required("KG_NEO4J_USER");
        String password = required("KG_NEO4J_PASSWORD");
        Files.deleteIfExists(ready);

        // The bootstrapper registers its own shutdown hook (clean shutdown on SIGTERM/SIGINT).
        CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (Exception ignored) {
                // the marker is advisory
            }
        }, "kg-neo4j-ready-marker"));

        int status = bootstrapper.start(home, conf, Map.of(), false, false);
        if (status != 0) {
            System.err.println("kg-neo4j: the server did not start (status " + status + "); see the logs above and under " + home.resolve("logs"));
            System.exit(status);
        }
        ensureUser(bootstrapper.getDatabaseManagementService(), user, password);
        Files.writeString(ready, "ready\n");
        System.out.println("kg-neo4j: ready (user '" + user + "')");
        Thread.currentThread().join(); // the server runs until the JVM is asked to stop
    }

    /** Create the configured user, or set its password, so the credentials in .env always work. */
    private static void ensureUser(DatabaseManagementService dbms, String user, String password) {
        GraphDatabaseService system = dbms.database("system");
        Map<String, Object> params = Map.of("user", user, "password", password);
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n", params,
                result -> ((Number) result.next().get("n")).longValue() > 0);
        if (!exists) {
            system.executeTransactionally("CREATE USER $user SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", params);
            return;
        }
        try {
            system.executeTransactionally("ALTER USER $user SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", params);
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; that is the state we want anyway.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            System.err.println("kg-neo4j: environment variable " + name + " is not set (start it with scripts/neo4j/start.sh)");
            System.exit(2);
        }
        return value;
    }
}
