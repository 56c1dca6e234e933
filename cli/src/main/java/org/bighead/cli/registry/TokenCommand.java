package org.bighead.cli.registry;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code registry token create --user U --scope read|write}. */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Manage API tokens.",
        subcommands = TokenCommand.Create.class)
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Creates a token (needs a write token in BIGHEAD_REGISTRY_TOKEN); it is printed only this once. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a token for a user; it is shown only once.")
    static final class Create implements Callable<Integer> {
        @Mixin
        RegistryOptions options;

        @Option(
                names = "--user",
                required = true,
                description = "Who the token is for (recorded as createdBy/movedBy).")
        String user;

        @Option(names = "--scope", required = true, description = "read or write.")
        String scope;

        @Override
        public Integer call() throws Exception {
            String token = options.client().createToken(user, scope);
            if (!options.printedJson(Map.of("user", user, "scope", scope, "token", token))) {
                System.out.println(token);
            }
            return 0;
        }
    }
}
