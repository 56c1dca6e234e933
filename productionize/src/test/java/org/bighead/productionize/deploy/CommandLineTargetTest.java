package org.bighead.productionize.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTargetTest {
    @Test
    void theCommandsStepLinesComeBackAsStepsWithTheirTimings() {
        assertThat(CommandLineTarget.step("ready at http://127.0.0.1:8080 (2.7 s)"))
                .isEqualTo(new Listener.Step("command", "ready at http://127.0.0.1:8080", 2700));
        assertThat(CommandLineTarget.step("started container bighead-deploy-dd (0b24ab9b7967)"))
                .isEqualTo(new Listener.Step("command", "started container bighead-deploy-dd (0b24ab9b7967)", 0));
    }
}
