package io.leadstream.stack;

/** How long a component took to become ready and what it costs, for the start-up log and notes. */
public record StartupReport(String component, long millis, long rssBytes) {
    @Override
    public String toString() {
        return String.format("%-10s started in %5d ms, RSS %s", component, millis, ProcessMemory.mib(rssBytes));
    }
}
