package org.bighead.registry.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every endpoint of API.md, in one table: the server registers exactly these, and a test checks that each
 * one is in the OpenAPI document. Order matters where paths overlap: {@code aliases/history} before
 * {@code aliases/{alias}}.
 */
public final class Routes {
    private Routes() {}

    /**
     * The methods the table serves at a request path (HEAD wherever GET is), in table order; empty when no route
     * matches the path. As in OpenAPI, the most concrete paths win: {@code …/aliases/history} is the history (GET),
     * not an alias. A trailing slash is ignored, as the server ignores it.
     */
    public static List<String> allowedMethods(List<Route> routes, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<Route> matching = new ArrayList<>();
        for (Route r : routes) {
            String regex = Pattern.quote(r.path()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (p.matches(regex)) {
                matching.add(r);
            }
        }
        long fewest = matching.stream().mapToLong(Routes::parameters).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (Route r : matching) {
            if (parameters(r) == fewest && !out.contains(r.method())) {
                out.add(r.method());
                if (r.method().equals("GET")) {
                    out.add("HEAD");
                }
            }
        }
        return out;
    }

    private static long parameters(Route r) {
        return r.path().chars().filter(c -> c == '{').count();
    }

    /** The table. */
    public static List<Route> all(
            ServiceRoutes service,
            ModelRoutes models,
            AliasRoutes aliases,
            DeploymentRoutes deployments,
            EnvironmentRoutes environments,
            JobRoutes jobs) {
        String model = "/api/models/{name}";
        String environment = "/api/environments/{name}";
        String job = "/api/jobs/{name}";
        return List.of(
                new Route("GET", "/api/health", service::health),
                new Route("GET", "/api/openapi.json", service::openapi),
                new Route("POST", "/api/tokens", service::createToken),
                new Route("GET", "/api/models", models::list),
                new Route("POST", "/api/models", models::create),
                new Route("GET", model, models::show),
                new Route("GET", model + "/versions", models::versions),
                new Route("POST", model + "/versions", models::register),
                new Route("GET", model + "/versions/{version}", models::version),
                new Route("DELETE", model + "/versions/{version}", models::deleteVersion),
                new Route("GET", model + "/versions/{version}/bundle", models::bundle),
                new Route("GET", model + "/versions/{version}/graph.svg", models::graph),
                new Route("GET", model + "/versions/{version}/evaluations", jobs::evaluations),
                new Route("GET", model + "/compare", models::compare),
                new Route("GET", model + "/aliases", aliases::list),
                new Route("GET", model + "/aliases/history", aliases::history),
                new Route("GET", model + "/aliases/{alias}", aliases::show),
                new Route("PUT", model + "/aliases/{alias}", aliases::move),
                new Route("DELETE", model + "/aliases/{alias}", aliases::delete),
                new Route("POST", model + "/deployments", deployments::record),
                new Route("GET", model + "/deployments", deployments::ofModel),
                new Route("GET", model + "/deployments/history", deployments::history),
                new Route("GET", "/api/deployments", deployments::all),
                new Route("GET", "/api/environments", environments::list),
                new Route("POST", "/api/environments", environments::create),
                new Route("GET", environment, environments::show),
                new Route("DELETE", environment, environments::delete),
                new Route("PUT", environment + "/image", environments::recordImage),
                new Route("GET", "/api/jobs", jobs::list),
                new Route("POST", "/api/jobs", jobs::create),
                new Route("GET", job, jobs::show),
                new Route("DELETE", job, jobs::delete),
                new Route("GET", job + "/runs", jobs::runs),
                new Route("POST", job + "/runs", jobs::runNow),
                new Route("POST", job + "/pause", jobs::pause),
                new Route("POST", job + "/resume", jobs::resume));
    }
}
