package io.leadstream.gateway.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * {@code /api/v1/users}: admins list, create ({@code POST}, body {@code {"username", "password",
 * "role"}}), read, change ({@code PUT}, password and/or role) and delete users. Answers never
 * carry a password or its hash.
 */
public final class UsersApi {
    private final UserStore users;
    private final Refusal refusal;
    private final BiConsumer<RoutingContext, List<String>> invalid;

    /** {@code invalid}: answers 400 with the problems found in a body. */
    public UsersApi(UserStore users, Refusal refusal, BiConsumer<RoutingContext, List<String>> invalid) {
        this.users = users;
        this.refusal = refusal;
        this.invalid = invalid;
    }

    public void mount(Router router) {
        router.route("/api/v1/users*").handler(this::adminOnly);
        router.get("/api/v1/users").handler(ctx -> reply(ctx, Future.fromCompletionStage(users.all()).map(all -> {
            JsonArray list = new JsonArray();
            all.forEach(u -> list.add(json(u)));
            return new JsonObject().put("users", list);
        })));
        router.post("/api/v1/users").handler(this::create);
        router.get("/api/v1/users/:name").handler(ctx -> reply(ctx, Future.fromCompletionStage(users.find(ctx.pathParam("name")))
                .map(u -> u.map(UsersApi::json).orElse(null))));
        router.put("/api/v1/users/:name").handler(this::update);
        router.delete("/api/v1/users/:name").handler(ctx -> Future.fromCompletionStage(users.delete(ctx.pathParam("name"))).onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be changed right now");
            } else if (!ar.result()) {
                refusal.send(ctx, 404, "no user " + ctx.pathParam("name"));
            } else {
                ctx.response().setStatusCode(204).end();
            }
        }));
    }

    private void adminOnly(RoutingContext ctx) {
        Principal p = Principal.of(ctx);
        if (p == null || !p.role().mayManageUsers()) {
            refusal.send(ctx, 403, "only an admin manages users");
        } else {
            ctx.next();
        }
    }

    private void create(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String name = body.getValue("username") instanceof String s && UserStore.USERNAME.matcher(s).matches() ? s : null;
        if (name == null) {
            problems.add("username: letters, digits and _ . @ - (at most 100), starting with a letter or digit");
        }
        String password = password(body, true, problems);
        Role role = role(body, true, problems);
        if (!problems.isEmpty()) {
            invalid.accept(ctx, problems);
            return;
        }
        Future.fromCompletionStage(users.create(name, password, role)).onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be changed right now");
            } else if (!ar.result()) {
                refusal.send(ctx, 409, "user " + name + " exists already");
            } else {
                ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/users/" + name);
                reply(ctx, Future.fromCompletionStage(users.find(name)).map(u -> u.map(UsersApi::json).orElse(null)));
            }
        });
    }

    private void update(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String password = password(body, false, problems);
        Role role = role(body, false, problems);
        if (!problems.isEmpty()) {
            invalid.accept(ctx, problems);
            return;
        }
        String name = ctx.pathParam("name");
        Future.fromCompletionStage(users.update(name, password, role)).onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be changed right now");
            } else if (!ar.result()) {
                refusal.send(ctx, 404, "no user " + name);
            } else {
                reply(ctx, Future.fromCompletionStage(users.find(name)).map(u -> u.map(UsersApi::json).orElse(null)));
            }
        });
    }

    private JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                invalid.accept(ctx, List.of("a JSON object is required"));
            }
            return body;
        } catch (RuntimeException e) {
            invalid.accept(ctx, List.of("the body is not a JSON object"));
            return null;
        }
    }

    private static String password(JsonObject body, boolean required, List<String> problems) {
        Object v = body.getValue("password");
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s) || s.length() < PasswordHashing.MIN_LENGTH || s.length() > 1000) {
            problems.add("password: a string of " + PasswordHashing.MIN_LENGTH + " to 1000 characters");
            return null;
        }
        return s;
    }

    private static Role role(JsonObject body, boolean required, List<String> problems) {
        Object v = body.getValue("role");
        if (v == null && !required) {
            return null;
        }
        Role role = v instanceof String s ? Role.of(s) : null;
        if (role == null) {
            problems.add("role: admin, marketer or analyst");
        }
        return role;
    }

    private void reply(RoutingContext ctx, Future<JsonObject> answer) {
        answer.onComplete(ar -> {
            if (ar.failed()) {
                refusal.send(ctx, 503, "users cannot be read right now");
            } else if (ar.result() == null) {
                refusal.send(ctx, 404, "no user " + ctx.pathParam("name"));
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(ar.result().encode());
            }
        });
    }

    private static JsonObject json(UserStore.User u) {
        return new JsonObject().put("username", u.username()).put("role", u.role() == null ? null : u.role().label())
                .put("createdAt", u.createdAt() == null ? null : u.createdAt().toString())
                .put("updatedAt", u.updatedAt() == null ? null : u.updatedAt().toString());
    }
}
