package io.leadstream.launcher;

import io.vertx.core.json.JsonObject;
import java.io.Console;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leadstream user add|list|delete}: API users, through a running gateway's /api/v1/users (the admin token). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage API users (admin, marketer, analyst).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Delete.class})
final class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user. The password is asked for unless given.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ApiClient api;

        @Parameters(index = "0", description = "User name.")
        String username;

        @Option(names = "--role", required = true, description = "admin, marketer or analyst.")
        String role;

        @Option(names = "--password", description = "The password (default: $LEADSTREAM_USER_PASSWORD, else asked for without echo).")
        String password;

        @Override
        public Integer call() throws Exception {
            String secret = password != null ? password : System.getenv("LEADSTREAM_USER_PASSWORD");
            if (secret == null) {
                Console console = System.console();
                if (console == null) {
                    System.err.println("No password: give --password, set LEADSTREAM_USER_PASSWORD, or run in a terminal.");
                    return 2;
                }
                secret = new String(console.readPassword("Password for %s: ", username));
            }
            String body = new JsonObject().put("username", username).put("password", secret).put("role", role).encode();
            HttpResponse<String> r = api.send(api.request("/api/v1/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (r.statusCode() != 201) {
                throw new ApiClient.ApiError(r);
            }
            System.out.println("Created user " + username + " (" + new JsonObject(r.body()).getString("role") + ")");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ApiClient api;

        @Override
        public Integer call() throws Exception {
            api.getJson("/api/v1/users").getJsonArray("users").stream().map(JsonObject.class::cast)
                    .forEach(u -> System.out.printf("%-32s %s%n", u.getString("username"), u.getString("role")));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user; its access tokens stop working.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ApiClient api;

        @Parameters(index = "0", description = "User name.")
        String username;

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> r = api.send(api.request("/api/v1/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8)).DELETE().build());
            if (r.statusCode() != 204) {
                throw new ApiClient.ApiError(r);
            }
            System.out.println("Deleted user " + username);
            return 0;
        }
    }
}
