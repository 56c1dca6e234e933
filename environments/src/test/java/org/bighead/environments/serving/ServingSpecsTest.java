package org.bighead.environments.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bighead.environments.compute.Compute;
import org.bighead.environments.compute.LaunchSpec;
import org.bighead.environments.hardware.InstanceType;
import org.bighead.environments.image.ImageSpec;
import org.bighead.registry.client.ModelBundle;
import org.junit.jupiter.api.Test;

class ServingSpecsTest {
    private static final String BASE = "bighead/env-cpu:3c24fcaa4aa9";

    static ModelBundle bundle(String name, int version, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        return new ModelBundle(name, Integer.toString(version), bytes, sha, true);
    }

    @Test
    void theServingImageIsTheEnvironmentsRuntimeImagePlusOneModelLayer() throws Exception {
        ModelBundle bundle = bundle("listing-price", 7, "bundle bytes");
        ImageSpec spec = ServingImageSpecs.render(BASE, "cpu", bundle);
        assertThat(spec.dockerfile())
                .isEqualTo("# bighead/serve-listing-price: rendered by Bighead"
                        + " (org.bighead.environments.image.ImageSpecs); do not edit\n"
                        + "FROM bighead/env-cpu:3c24fcaa4aa9\n"
                        + "# layer: model\n"
                        + "COPY model/ /\n"
                        + "LABEL org.bighead.purpose=\"serving\" org.bighead.model=\"listing-price\""
                        + " org.bighead.model-version=\"7\" org.bighead.model-sha256=\"" + bundle.sha256() + "\""
                        + " org.bighead.environment=\"cpu\" org.bighead.base-image=\"" + BASE + "\"\n"
                        + "CMD [\"bighead-serve\", \"/opt/bighead/models/listing-price.bighead\", \"--host\","
                        + " \"0.0.0.0\", \"--port\", \"8080\", \"--trust-code\"]\n");
        assertThat(spec.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("model/opt/bighead/models/listing-price.bighead");
            assertThat(f.sha256()).isEqualTo(bundle.sha256());
            assertThat(f.size()).isEqualTo(12);
        });
    }

    @Test
    void theTagFollowsTheBundleAndTheBaseAndNothingElse() throws Exception {
        ImageSpec v7 = ServingImageSpecs.render(BASE, "cpu", bundle("listing-price", 7, "bundle bytes"));
        assertThat(ServingImageSpecs.render(BASE, "cpu", bundle("listing-price", 7, "bundle bytes"))
                        .reference())
                .isEqualTo(v7.reference());
        assertThat(ServingImageSpecs.render(BASE, "cpu", bundle("listing-price", 8, "retrained"))
                        .reference())
                .isNotEqualTo(v7.reference());
        assertThat(ServingImageSpecs.render(
                                "bighead/env-cpu:ffffffffffff", "cpu", bundle("listing-price", 7, "bundle bytes"))
                        .reference())
                .isNotEqualTo(v7.reference());
        assertThat(v7.reference()).matches("bighead/serve-listing-price:[0-9a-f]{12}");
    }

    @Test
    void aModelNameThatIsNoImageNameBecomesOne() throws Exception {
        ImageSpec spec = ServingImageSpecs.render(BASE, "cpu", bundle("Listing_Price", 1, "x"));
        assertThat(spec.repository()).isEqualTo("bighead/serve-listing-price");
        // the file keeps the model's own name: it is the name in the serving URLs
        assertThat(spec.files().get(0).path()).isEqualTo("model/opt/bighead/models/Listing_Price.bighead");
    }

    @Test
    void theContainerServesOnTheDeploymentsPortLabelledAsServingAndOwnedByTheDeployment() throws Exception {
        InstanceType type = new InstanceType("host", 2, 4096, 0, null, 0, null);
        LaunchSpec spec = ServingLaunchSpecs.of(
                "bighead/serve-listing-price:0123456789ab", type, "lp", "listing-price", 7, 41234);
        assertThat(spec.command())
                .containsExactly(
                        "bighead-serve",
                        "/opt/bighead/models/listing-price.bighead",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "41234",
                        "--trust-code");
        assertThat(spec.labels())
                .containsEntry(Compute.PURPOSE, "serving")
                .containsEntry(Compute.OWNER, "lp")
                .containsEntry(ServingLaunchSpecs.DEPLOYMENT, "lp")
                .containsEntry("org.bighead.model", "listing-price")
                .containsEntry("org.bighead.model-version", "7");
        assertThat(spec.name()).isEqualTo("bighead-deploy-lp");
        assertThat(spec.instanceType()).isEqualTo(type);
    }
}
