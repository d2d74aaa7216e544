package dev.okr.e2e;

/**
 * One platform (one instance of each app) shared by the test classes that need no faults of their own; started by
 * the first that asks, stopped when the test JVM ends. FaultsIT runs its own, with two replicas and a broker it stops.
 */
final class SharedPlatform {

    private static Platform platform;

    private SharedPlatform() {
    }

    static synchronized Platform get() throws Exception {
        if (platform == null) {
            Platform started = new Platform("e2e_shared").start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-platform-stop"));
            platform = started;
        }
        return platform;
    }
}
