package org.bighead.environments.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.bighead.productionize.deploy.EngineTargets;
import org.junit.jupiter.api.Test;

class DockerEngineTargetsTest {
    @Test
    void deploymentsFindTheDockerTargetsWhereThisModuleIsOnTheClassPath() {
        assertThat(ServiceLoader.load(EngineTargets.class).findFirst()).get().isInstanceOf(DockerEngineTargets.class);
    }
}
