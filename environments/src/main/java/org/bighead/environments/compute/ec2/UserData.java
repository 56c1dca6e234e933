package org.bighead.environments.compute.ec2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.ComputeException;
import org.bighead.environments.compute.LaunchSpec;

/**
 * The user data of a Bighead instance: a shell script cloud-init runs once at first boot. It pulls the
 * environment's image and runs it in the foreground with the spec's command, environment, named volumes and
 * labels, on the host's network, with every GPU when the type has any; everything it prints goes to the serial
 * console too, which is what {@link Ec2Compute#logs} reads. When the container exits the instance shuts down,
 * and because Bighead starts instances with shutdown behaviour "terminate", it is then gone: a finished job
 * leaves nothing running.
 *
 * <p>Pure: the same spec always renders the same script. Note that anyone allowed to call {@code
 * DescribeInstanceAttribute} can read user data, environment values included: pass secrets by reference (a
 * secret's ARN), not by value.
 */
public final class UserData {
    /** EC2's limit on user data before base64. */
    public static final int MAX_BYTES = 16 * 1024;

    /** Where the script tees its output (besides the console) on the instance. */
    public static final String LOG_FILE = "/var/log/bighead.log";

    private static final Pattern ECR = Pattern.compile("^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/.*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[^a-zA-Z0-9_.-]");

    private UserData() {}

    /** The script for {@code spec}. */
    public static String render(LaunchSpec spec) {
        if (!spec.mounts().isEmpty()) {
            throw new ComputeException("an EC2 instance cannot see this machine's "
                    + spec.mounts().get(0).path()
                    + ": give an EC2 workload its data by URL (s3://…), not as a folder of this machine");
        }
        List<String> run =
                new ArrayList<>(List.of("docker", "run", "--name", containerName(spec), "--network", "host"));
        if (spec.instanceType().hasGpu()) {
            run.addAll(List.of("--gpus", "all"));
        }
        for (Map.Entry<String, String> e : spec.env().entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new ComputeException("environment variable name '" + e.getKey()
                        + "' is not valid (letters, digits and _, not starting with a digit)");
            }
            run.add("-e");
            run.add(e.getKey() + "=" + e.getValue());
        }
        for (LaunchSpec.Volume v : spec.volumes()) {
            run.add("-v");
            run.add(v.name() + ":" + v.path());
        }
        for (Map.Entry<String, String> e : labels(spec).entrySet()) {
            run.add("--label");
            run.add(e.getKey() + "=" + e.getValue());
        }
        run.add(spec.image());
        run.addAll(spec.command());

        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Bighead: runs one environment image on this instance, then shuts it down (terminate).\n");
        s.append("exec > >(tee -a ").append(LOG_FILE).append(" /dev/console) 2>&1\n");
        s.append("set -u\n");
        s.append("echo \"bighead: starting ")
                .append(escapeInDoubleQuotes(spec.image()))
                .append("\"\n");
        s.append("if ! command -v docker >/dev/null 2>&1; then\n");
        s.append("  (command -v dnf >/dev/null && dnf install -y docker) \\\n");
        s.append("    || (command -v yum >/dev/null && yum install -y docker) \\\n");
        s.append("    || (command -v apt-get >/dev/null && apt-get update && apt-get install -y docker.io)\n");
        s.append("fi\n");
        s.append("systemctl start docker 2>/dev/null || service docker start\n");
        var ecr = ECR.matcher(spec.image());
        if (ecr.matches()) {
            s.append("aws ecr get-login-password --region ")
                    .append(ecr.group(2))
                    .append(" | docker login --username AWS --password-stdin ")
                    .append(quote(ecr.group(1) + ".dkr.ecr." + ecr.group(2) + ".amazonaws.com"))
                    .append('\n');
        }
        s.append("code=0\n");
        s.append("docker pull ").append(quote(spec.image())).append(" || code=$?\n");
        for (LaunchSpec.Volume v : spec.volumes()) {
            s.append("[ \"$code\" -eq 0 ] && docker volume create ")
                    .append(quote(v.name()))
                    .append(" >/dev/null\n");
        }
        s.append("if [ \"$code\" -eq 0 ]; then\n  ");
        s.append(String.join(" ", run.stream().map(UserData::quote).toList()));
        s.append(" || code=$?\nfi\n");
        s.append("echo \"bighead: exit code $code\"\n");
        s.append("shutdown -h now\n");
        String script = s.toString();
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new ComputeException("the start script for " + spec.image() + " is " + bytes
                    + " bytes; EC2 takes at most " + MAX_BYTES + " (fewer or shorter environment variables)");
        }
        return script;
    }

    /** {@link #render} in base64, as RunInstances takes it. */
    public static String renderBase64(LaunchSpec spec) {
        return Base64.getEncoder().encodeToString(render(spec).getBytes(StandardCharsets.UTF_8));
    }

    /** The container's labels: the spec's, with {@link Compute#MANAGED_BY} = bighead. */
    static Map<String, String> labels(LaunchSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>(new java.util.TreeMap<>(spec.labels()));
        labels.put(Compute.MANAGED_BY, Ec2Requests.MANAGED_BY_VALUE);
        return labels;
    }

    static String containerName(LaunchSpec spec) {
        String name = spec.name() == null
                ? "bighead"
                : CONTAINER_NAME.matcher(spec.name()).replaceAll("-");
        return name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "bighead-" + name : name;
    }

    /** {@code value} as one shell word: bare when it is plainly safe, else in single quotes. */
    static String quote(String value) {
        if (!value.isEmpty() && value.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    private static String escapeInDoubleQuotes(String value) {
        return value.replaceAll("([\"\\\\$`])", "\\\\$1");
    }
}
