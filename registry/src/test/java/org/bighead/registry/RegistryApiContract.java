package org.bighead.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bighead.registry.client.AliasMove;
import org.bighead.registry.client.Comparison;
import org.bighead.registry.client.Deployment;
import org.bighead.registry.client.DeploymentEvent;
import org.bighead.registry.client.EnvironmentRecord;
import org.bighead.registry.client.Lineage;
import org.bighead.registry.client.Model;
import org.bighead.registry.client.ModelRef;
import org.bighead.registry.client.Registered;
import org.bighead.registry.client.RegistryClient;
import org.bighead.registry.client.RegistryException;
import org.bighead.registry.client.Version;
import org.bighead.registry.client.VersionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API of registry/API.md end to end, through the real {@link RegistryClient}. Subclasses choose the
 * store: SQLite + local folder, PostgreSQL, S3. Each test uses its own model names, so one server serves all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryApiContract {
    Path dir;

    TestRegistry registry;
    RegistryClient admin;

    /** The configuration under test, with its data folder in {@code dir}. */
    abstract RegistryConfig config(Path dir) throws Exception;

    /** What /api/health should report. */
    abstract String expectedStore();

    abstract String expectedArtifacts();

    @BeforeAll
    void startRegistry(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        registry = TestRegistry.start(config(dir));
        admin = registry.admin();
    }

    @AfterAll
    void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
        afterRegistryStopped();
    }

    /** Cleans up what the registry used (a database schema), once it stopped using it. */
    void afterRegistryStopped() throws Exception {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registeringTwiceGivesVersionsOneAndTwoWithMetricsAndLineageFromTheBundle() {
        String name = unique("listing-price");
        Version v1 = admin.register(
                name,
                TestBundles.first(),
                VersionInfo.empty()
                        .withParam("rounds", "100")
                        .withTag("team", "pricing")
                        .withLineage(new Lineage(
                                "notebooks/01-listing-price.ipynb",
                                List.of("var split = ..."),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)));
        Version v2 =
                admin.register(name, TestBundles.second(), VersionInfo.empty().withDescription("second try"));

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.createdBy()).isEqualTo("admin");
        assertThat(v1.task()).isEqualTo("regression");
        assertThat(v1.target()).isEqualTo("price");
        assertThat(v1.metrics()).containsKeys("test.rmse", "test.mae", "test.r2");
        assertThat(v1.params()).containsEntry("rounds", "100");
        assertThat(v1.tags()).containsEntry("team", "pricing");
        assertThat(v1.inputSchema()).extracting(f -> f.name()).contains("bedrooms", "room_type", "amenities");
        assertThat(v1.inputSchema())
                .filteredOn(f -> f.name().equals("host_is_superhost"))
                .extracting(f -> f.kind() + " " + f.sourceType())
                .containsExactly("NUMERIC BOOLEAN"); // scored as a number, shown as the boolean it is
        assertThat(v1.lineage().notebook()).isEqualTo("notebooks/01-listing-price.ipynb");
        assertThat(v1.lineage().dataFingerprint()).startsWith("sha256:");
        assertThat(v1.lineage().libraryVersions()).containsKey("bighead");
        assertThat(v1.lineage().user()).isEqualTo("admin");
        assertThat(v2.description()).isEqualTo("second try");

        Model model = admin.model(name);
        assertThat(model.latestVersion()).isEqualTo(2);
        assertThat(model.versionCount()).isEqualTo(2);
        assertThat(model.versions()).extracting(v -> v.version()).containsExactly(2, 1);
        assertThat(admin.versions(name)).extracting(Version::version).containsExactly(2, 1);
        assertThat(admin.models()).extracting(Model::name).contains(name);
        assertThat(admin.version(name, 1)).isEqualTo(v1);
    }

    @Test
    void theSameBundleAgainIsAnsweredWithItsExistingVersionUnlessForced() throws Exception {
        String name = unique("same-bytes");
        Registered first = admin.register(name, TestBundles.first(), null, false);
        admin.register(name, TestBundles.second(), null);
        String info = "{\"sha256\":\"" + RegistryClient.sha256(TestBundles.first()) + "\"}";

        HttpResponse<String> again = new HttpUpload(registry.url(), registry.adminToken)
                .send(name, info, Files.readAllBytes(TestBundles.first()));
        Registered forced = admin.register(name, TestBundles.first(), null, true);

        assertThat(first.existing()).isFalse();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(again.body()).path("existing").asBoolean())
                .isTrue();
        assertThat(Json.MAPPER.readTree(again.body()).path("version").asInt()).isEqualTo(1);
        assertThat(admin.register(name, TestBundles.second(), null)).isEqualTo(admin.version(name, 2));
        assertThat(forced.existing()).isFalse();
        assertThat(forced.version().version()).isEqualTo(3);
        assertThat(admin.register(name, TestBundles.first(), null).version())
                .as("the newest with these bytes")
                .isEqualTo(3);
        assertThat(admin.model(name).versionCount()).isEqualTo(3);
        assertError(
                new HttpUpload(registry.url(), registry.adminToken)
                        .send(name, info.replace("}", ",\"force\":\"yes\"}"), Files.readAllBytes(TestBundles.first())),
                400,
                "info.force");
    }

    @Test
    void aDownloadedBundleHasExactlyTheUploadedBytes() throws Exception {
        String name = unique("download");
        admin.register(name, TestBundles.second(), null);
        Path target = dir.resolve("downloaded/" + name + ".bighead");

        admin.download(name, 1, target);

        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(TestBundles.second()));
        assertThat(RegistryClient.sha256(target))
                .isEqualTo(admin.version(name, 1).sha256());
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target); // no .part file left beside it
        }
    }

    @Test
    void aliasesMoveWithAReasonAndKeepTheirHistory() throws Exception {
        String name = unique("aliases");
        admin.register(name, TestBundles.first(), null);
        admin.register(name, TestBundles.second(), null);

        AliasMove first = admin.setAlias(name, "champion", 1, "first model");
        Instant between = Instant.now();
        Thread.sleep(5); // instants have millisecond resolution: keep "between" strictly before the next move
        AliasMove second = admin.setAlias(name, "champion", 2, "beats v1 on test.rmse");
        admin.setAlias(name, "staging", 2, null);

        assertThat(first.fromVersion()).isNull();
        assertThat(first.toVersion()).isEqualTo(1);
        assertThat(second.fromVersion()).isEqualTo(1);
        assertThat(second.toVersion()).isEqualTo(2);
        assertThat(second.movedBy()).isEqualTo("admin");
        assertThat(admin.alias(name, "champion")).isEqualTo(2);
        assertThat(admin.aliasAt(name, "champion", between)).isEqualTo(1);
        assertThat(admin.aliases(name)).isEqualTo(Map.of("champion", 2, "staging", 2));
        assertThat(admin.version(name, 2).aliases()).containsExactly("champion", "staging");
        assertThat(admin.resolve(ModelRef.parse(name + "@champion")).version()).isEqualTo(2);
        assertThat(admin.resolve(ModelRef.parse(name + "/1")).version()).isEqualTo(1);
        assertThat(admin.resolve(ModelRef.parse(name)).version()).isEqualTo(2);

        AliasMove deleted = admin.deleteAlias(name, "staging");
        assertThat(deleted.toVersion()).isNull();
        assertThat(admin.aliasHistory(name))
                .extracting(AliasMove::alias, AliasMove::fromVersion, AliasMove::toVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("champion", null, 1),
                        org.assertj.core.groups.Tuple.tuple("champion", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("staging", null, 2),
                        org.assertj.core.groups.Tuple.tuple("staging", 2, null));
        assertThat(admin.aliasHistory(name, "champion"))
                .extracting(AliasMove::reason)
                .containsExactly("first model", "beats v1 on test.rmse");
        assertThatThrownBy(() -> admin.alias(name, "staging"))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.aliasAt(name, "champion", Instant.parse("2000-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> admin.setAlias(name, "champion", 9, null))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void compareShowsMetricsAndParamsOfVersionsSideBySide() {
        String name = unique("compare");
        admin.register(name, TestBundles.first(), VersionInfo.empty().withParam("rounds", "100"));
        admin.register(name, TestBundles.second(), VersionInfo.empty().withParam("rounds", "200"));

        Comparison c = admin.compare(name, 1, 2);

        assertThat(c.versions()).containsExactly(1, 2);
        assertThat(c.params().get("rounds")).isEqualTo(Map.of("1", "100", "2", "200"));
        assertThat(c.metrics().get("test.rmse")).containsOnlyKeys("1", "2");
        assertThat(c.metrics().get("test.rmse").get("1"))
                .isEqualTo(admin.version(name, 1).metrics().get("test.rmse"));
    }

    @Test
    void aDeploymentIsRecordedAndTheSameTargetUpdatesIt() {
        String name = unique("deployed");
        admin.register(name, TestBundles.first(), null);
        admin.register(name, TestBundles.second(), null);

        Deployment d1 = admin.recordDeployment(name, 1, null, "http://10.0.0.5:8080", "serving", "running");
        Deployment d2 = admin.recordDeployment(name, 2, null, "http://10.0.0.5:8080", "serving", "running");
        admin.recordDeployment(name, 2, null, "batch://nightly", "batch", "scheduled");

        assertThat(d2.id()).isEqualTo(d1.id());
        assertThat(d2.version()).isEqualTo(2);
        assertThat(d2.createdBy()).isEqualTo("admin");
        assertThat(admin.deployments(name)).hasSize(2);
        assertThat(admin.deployments()).extracting(Deployment::model).contains(name);
    }

    @Test
    void everyDeploymentIsKeptInTheHistoryOldestFirstWhileTheCurrentRowIsUpdated() throws Exception {
        String name = unique("history");
        admin.register(name, TestBundles.first(), null);
        admin.register(name, TestBundles.second(), null);
        String target = "http://10.0.0.5:8080";

        admin.recordDeployment(name, 1, null, target, "serving", "running");
        admin.recordDeployment(name, 2, "champion", target, "serving", "running");
        admin.recordDeployment(name, 2, "champion", target, "serving", "stopped");
        admin.recordDeployment(name, 2, null, "batch://nightly", "batch", "scheduled");

        List<DeploymentEvent> atTarget = admin.deploymentHistory(name, target);
        assertThat(atTarget)
                .extracting(DeploymentEvent::version, DeploymentEvent::alias, DeploymentEvent::status)
                .containsExactly(
                        tuple(1, null, "running"), tuple(2, "champion", "running"), tuple(2, "champion", "stopped"));
        assertThat(atTarget).allSatisfy(e -> {
            assertThat(e.model()).isEqualTo(name);
            assertThat(e.target()).isEqualTo(target);
            assertThat(e.kind()).isEqualTo("serving");
            assertThat(e.createdBy()).isEqualTo("admin");
        });
        assertThat(atTarget).extracting(e -> Instant.parse(e.at())).isSorted();
        assertThat(admin.deploymentHistory(name))
                .hasSize(4)
                .last()
                .extracting(DeploymentEvent::target)
                .isEqualTo("batch://nightly");
        assertThat(admin.deployments(name))
                .filteredOn(d -> d.target().equals(target))
                .singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo("stopped"));
        assertThat(admin.deploymentHistory(name, "http://nowhere:1")).isEmpty();
        assertError(raw("GET", "/api/models/no-such-model/deployments/history", null, null), 404, "no-such-model");
    }

    @Test
    void aDeploymentReplacedAtItsTargetEndsThereAndTheHistorySaysByWhichVersion() {
        String name = unique("replaced");
        admin.register(name, TestBundles.first(), null);
        admin.register(name, TestBundles.second(), null);
        String target = "http://10.0.0.5:8080";

        admin.recordDeployment(name, 1, null, target, "serving", "running");
        admin.recordDeployment(name, 1, null, "batch://nightly", "batch", "scheduled");
        admin.recordDeployment(name, 2, "champion", target, "serving", "running");
        admin.recordDeployment(name, 2, "champion", target, "serving", "stopped");

        List<DeploymentEvent> history = admin.deploymentHistory(name);
        assertThat(history)
                .extracting(DeploymentEvent::version, DeploymentEvent::status, DeploymentEvent::replacedBy)
                .containsExactly(
                        tuple(1, "running", 2),
                        tuple(1, "scheduled", null),
                        tuple(2, "running", null),
                        tuple(2, "stopped", null));
        assertThat(history.get(0).endedAt()).isEqualTo(history.get(2).at());
        assertThat(history.get(1).endedAt()).as("alone at its target").isNull();
        assertThat(history.get(2).endedAt())
                .as("stopped, same version")
                .isEqualTo(history.get(3).at());
        assertThat(history.get(3).endedAt()).isNull();
        assertThat(admin.deploymentHistory(name, target))
                .extracting(DeploymentEvent::replacedBy)
                .containsExactly(2, null, null);
    }

    @Test
    void theGraphOfAVersionIsServedAsSvg() throws Exception {
        String name = unique("graph");
        admin.register(name, TestBundles.first(), null);

        HttpResponse<String> r = raw("GET", "/api/models/" + name + "/versions/1/graph.svg", null, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(r.body()).contains("<svg").contains("impute");
    }

    @Test
    void writesNeedAWriteTokenReadsDoNot() {
        String name = unique("auth");
        String reader = admin.createToken("maya", "read");
        String writer = admin.createToken("maya", "write");

        assertThatThrownBy(() -> registry.anonymous().register(name, TestBundles.first(), null))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> registry.withToken("bh_not-a-token").register(name, TestBundles.first(), null))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> registry.withToken(reader).register(name, TestBundles.first(), null))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("write scope");
                });
        assertThatThrownBy(() -> registry.withToken(reader).createToken("eve", "write"))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(403));

        Version v = registry.withToken(writer).register(name, TestBundles.first(), null);
        assertThat(v.createdBy()).isEqualTo("maya");
        assertThat(registry.withToken(writer)
                        .setAlias(name, "champion", 1, null)
                        .movedBy())
                .isEqualTo("maya");
        assertThat(registry.anonymous().version(name, 1).version()).isEqualTo(1);
    }

    @Test
    void errorsAreJsonWithTheirStatusAndNoStackTrace() throws Exception {
        String name = unique("errors");
        admin.createModel(name, "made to fail");
        String token = registry.adminToken;

        assertError(raw("GET", "/api/models/no-such-model", null, null), 404, "no-such-model");
        assertError(raw("GET", "/api/models/" + name + "/versions/7", null, null), 404, "no version 7");
        assertError(raw("GET", "/api/models/" + name + "/versions/seven", null, null), 400, "version");
        assertError(raw("POST", "/api/models", token, "{\"name\":"), 400, "not valid JSON");
        assertError(raw("POST", "/api/models", token, "{\"name\":\"" + name + "\"}"), 409, "already exists");
        assertError(
                raw("PUT", "/api/models/" + name + "/aliases/champion", token, "{\"version\":\"x\"}"), 400, "version");
        assertError(raw("GET", "/api/nothing-here", null, null), 404, "no such endpoint");
        assertError(raw("POST", "/api/models/" + name + "/versions", token, "{}"), 400, "multipart");
        assertError(raw("GET", "/api/models/" + name + "/compare", null, null), 400, "versions");
        assertError(raw("POST", "/api/tokens", token, "{\"user\":\"x\",\"scope\":\"admin\"}"), 400, "scope");
        assertError(raw("POST", "/api/models", token, "{\"name\":\"" + "x".repeat(2 << 20) + "\"}"), 413, "too large");
    }

    @Test
    void aVersionNumberBeyondTheIntRangeIsA400NotAWrapAround() throws Exception {
        String name = unique("wrap");
        admin.register(name, TestBundles.first(), null);
        String path = "/api/models/" + name + "/aliases/champion";
        String token = registry.adminToken;

        assertError(raw("PUT", path, token, "{\"version\":4294967297}"), 400, "field 'version'");
        assertError(raw("PUT", path, token, "{\"version\":99999999999999999999999}"), 400, "field 'version'");
        assertError(raw("PUT", path, token, "{\"version\":0}"), 400, "field 'version'");
        assertError(raw("PUT", path, token, "{\"version\":1.5}"), 400, "field 'version'");
        assertError(
                raw(
                        "POST",
                        "/api/models/" + name + "/deployments",
                        token,
                        "{\"version\":4294967297,\"target\":\"k8s/prod\"}"),
                400,
                "field 'version'");
        assertThat(admin.aliases(name)).isEmpty();
    }

    @Test
    void textWithANulCharacterIsA400NamingTheFieldOnEveryStore() throws Exception {
        String name = unique("nul");
        admin.register(name, TestBundles.first(), null);
        String token = registry.adminToken;

        assertError(
                raw("POST", "/api/models", token, "{\"name\":\"" + unique("nul") + "\",\"description\":\"a\\u0000b\"}"),
                400,
                "field 'description' contains a NUL");
        assertError(
                raw(
                        "PUT",
                        "/api/models/" + name + "/aliases/champion",
                        token,
                        "{\"version\":1,\"reason\":\"\\u0000\"}"),
                400,
                "field 'reason'");
        assertError(
                raw(
                        "POST",
                        "/api/models/" + name + "/deployments",
                        token,
                        "{\"version\":1,\"target\":\"k8s\\u0000prod\"}"),
                400,
                "field 'target'");
        assertError(
                raw("DELETE", "/api/models/" + name + "/aliases/champion?reason=a%00b", token, null), 400, "reason");

        assertThat(admin.aliasHistory(name)).isEmpty();
        assertThat(admin.deployments(name)).isEmpty();
        assertThat(admin.deploymentHistory(name)).isEmpty();
    }

    @Test
    void anAliasCanBeAskedForAtAPlainDateMeaningTheEndOfThatDay() throws Exception {
        String name = unique("dated");
        admin.register(name, TestBundles.first(), null);
        admin.setAlias(name, "champion", 1, "first");

        HttpResponse<String> later = raw("GET", "/api/models/" + name + "/aliases/champion?at=2999-01-01", null, null);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(later.body()).path("version").asInt()).isEqualTo(1);
        assertError(raw("GET", "/api/models/" + name + "/aliases/champion?at=2000-01-01", null, null), 404, "");
        assertError(
                raw("GET", "/api/models/" + name + "/aliases/champion?at=2000-13-01", null, null),
                400,
                "at '2000-13-01'");
    }

    @Test
    void anAliasAtTheLastInstantTheRegistryTakesIsFoundAndBeyondItIsA400() throws Exception {
        String name = unique("far-future");
        admin.register(name, TestBundles.first(), null);
        admin.setAlias(name, "champion", 1, "first");
        String path = "/api/models/" + name + "/aliases/champion?at=";

        HttpResponse<String> last = raw("GET", path + "9999-12-31T23:59:59.999Z", null, null);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(last.body()).path("version").asInt()).isEqualTo(1);
        assertError(raw("GET", path + "%2B10000-01-01T00:00:00Z", null, null), 400, "9999-12-31T23:59:59.999Z");
        assertError(raw("GET", path + "%2B1000000000-01-01T00:00:00Z", null, null), 400, "out of range");
        assertError(raw("GET", path + "-1000000000-01-01T00:00:00Z", null, null), 400, "out of range");
    }

    // --- derived environments ---------------------------------------------------------------------------

    /** A spec as the CLI sends it: EnvironmentSpec's fields as JSON. */
    static Map<String, Object> nlpSpec(String name) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("description", "pricing with OpenNLP");
        spec.put("from", "java17-cpu");
        spec.put("jdk", 17);
        spec.put("carries", List.of("xgboost"));
        spec.put("maven", List.of("org.apache.opennlp:opennlp-tools:2.5.4"));
        spec.put("pip", List.of("pandas==2.2.3"));
        spec.put("apt", List.of("graphviz"));
        spec.put("gpu", false);
        spec.put("labels", Map.of("team", "pricing"));
        return spec;
    }

    static final String DIGEST = "sha256:" + "ab12".repeat(16);

    @Test
    void anEnvironmentIsCreatedListedShownGivenItsImageAndDeleted() {
        String name = unique("nlp");

        EnvironmentRecord created = admin.createEnvironment(name, "java17-cpu", "pricing with OpenNLP", nlpSpec(name));

        assertThat(created.name()).isEqualTo(name);
        assertThat(created.from()).isEqualTo("java17-cpu");
        assertThat(created.description()).isEqualTo("pricing with OpenNLP");
        assertThat(created.spec()).isEqualTo(nlpSpec(name));
        assertThat(created.createdBy()).isEqualTo("admin");
        assertThat(Instant.parse(created.createdAt())).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.built()).isFalse();
        assertThat(created.image()).as("not built yet").isNull();
        assertThat(created.specHash()).isNull();
        assertThat(created.builtAt()).isNull();
        assertThat(admin.environment(name)).isEqualTo(created);
        assertThat(admin.environments())
                .extracting(EnvironmentRecord::name)
                .contains(name)
                .isSorted();

        EnvironmentRecord built = admin.recordEnvironmentImage(
                name, "registry.example.com/bighead/" + name + ":1a2b3c", DIGEST, "sha256:5pec", "0.1.0");

        assertThat(built.built()).isTrue();
        assertThat(built.image()).isEqualTo("registry.example.com/bighead/" + name + ":1a2b3c");
        assertThat(built.imageDigest()).isEqualTo(DIGEST);
        assertThat(built.specHash()).isEqualTo("sha256:5pec");
        assertThat(built.bigheadVersion()).isEqualTo("0.1.0");
        assertThat(built.builtAt()).isGreaterThanOrEqualTo(created.createdAt()); // text order is time order
        assertThat(built.createdAt()).isEqualTo(created.createdAt());
        assertThat(admin.environment(name)).isEqualTo(built);

        admin.deleteEnvironment(name);

        assertThat(admin.environments()).extracting(EnvironmentRecord::name).doesNotContain(name);
        assertThatThrownBy(() -> admin.environment(name)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("no environment named '" + name + "'");
        });
    }

    @Test
    void aRebuildReplacesTheImageAndAnUnknownBigheadVersionStaysNull() {
        String name = unique("rebuilt");
        admin.createEnvironment(name, "java21-cpu", null, Map.of("jdk", 21));
        admin.recordEnvironmentImage(name, "bighead/" + name + ":one", DIGEST, "h1", "0.1.0");

        EnvironmentRecord again =
                admin.recordEnvironmentImage(name, "bighead/" + name + ":two", "sha512:" + "c".repeat(128), "h2", null);

        assertThat(again.image()).isEqualTo("bighead/" + name + ":two");
        assertThat(again.imageDigest()).startsWith("sha512:");
        assertThat(again.specHash()).isEqualTo("h2");
        assertThat(again.bigheadVersion()).isNull();
        assertThat(again.description()).isEmpty();
    }

    @Test
    void theSpecIsKeptExactlyAsSentKeysInOrderNumbersAndTextUnchanged() throws Exception {
        String name = unique("exact");
        String spec = "{\"zeta\":1,\"alpha\":{\"big\":12345678901234567890,\"ratio\":0.25,\"text\":\"é ☕ \\u0000\"},"
                + "\"list\":[true,null,\"x\"]}";

        HttpResponse<String> r = raw(
                "POST",
                "/api/environments",
                registry.adminToken,
                "{\"name\":\"" + name + "\",\"from\":\"java17-cpu\",\"spec\":" + spec + "}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(r.body()).get("spec").toString())
                .isEqualTo(Json.MAPPER.readTree(spec).toString());
        assertThat(Json.MAPPER
                        .readTree(raw("GET", "/api/environments/" + name, null, null)
                                .body())
                        .get("spec")
                        .toString())
                .isEqualTo(Json.MAPPER.readTree(spec).toString());
    }

    @Test
    void anEnvironmentAnswersWithEveryFieldOfTheRecordNullsIncluded() throws Exception {
        String name = unique("fields");
        admin.createEnvironment(name, "java17-cpu", "d", Map.of());

        HttpResponse<String> r = raw("GET", "/api/environments/" + name, null, null);

        assertThat(r.statusCode()).isEqualTo(200);
        List<String> keys = new java.util.ArrayList<>();
        Json.MAPPER.readTree(r.body()).fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "name",
                        "from",
                        "description",
                        "spec",
                        "spec_hash",
                        "image",
                        "image_digest",
                        "created_by",
                        "created_at",
                        "built_at",
                        "bighead_version");
    }

    @Test
    void aTakenEnvironmentNameIsA409AndNothingChanges() throws Exception {
        String name = unique("taken");
        EnvironmentRecord first = admin.createEnvironment(name, "java17-cpu", "first", nlpSpec(name));

        assertThatThrownBy(() -> admin.createEnvironment(name, "java21-cpu", "second", Map.of()))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("environment '" + name + "' already exists");
                });
        assertThat(admin.environment(name)).isEqualTo(first);
    }

    @Test
    void aBadEnvironmentRequestIsA400ThatSaysWhatIsWrong() throws Exception {
        String token = registry.adminToken;
        String ok = unique("ok");

        assertError(
                post("Nlp", "java17-cpu", "{}"),
                400,
                "environment name 'Nlp' is not valid: use 1-63 lowercase"
                        + " letters, digits, '_' or '-', starting with a letter");
        assertError(post("1nlp", "java17-cpu", "{}"), 400, "environment name '1nlp' is not valid");
        assertError(post("nlp.v2", "java17-cpu", "{}"), 400, "environment name 'nlp.v2' is not valid");
        assertError(post("a" + "b".repeat(63), "java17-cpu", "{}"), 400, "1-63");
        assertError(post(ok, "Java 17", "{}"), 400, "field 'from' must name the base environment: 'Java 17'");
        assertError(post(ok, "java17-cpu", "[]"), 400, "field 'spec' is required and must be a JSON object");
        assertError(post(ok, "java17-cpu", "\"jdk: 17\""), 400, "field 'spec'");
        assertError(post(ok, "java17-cpu", "{\"pad\":\"" + "x".repeat(70_000) + "\"}"), 400, "at most 64 KiB");
        assertError(
                raw("POST", "/api/environments", token, "{\"name\":\"" + ok + "\",\"spec\":{}}"), 400, "field 'from'");
        assertError(
                raw("POST", "/api/environments", token, "{\"name\":\"" + ok + "\",\"from\":\"java17-cpu\"}"),
                400,
                "field 'spec'");
        assertError(
                raw(
                        "POST",
                        "/api/environments",
                        token,
                        "{\"name\":\"" + ok + "\",\"from\":\"java17-cpu\",\"spec\":{},\"description\":\"a\\u0000b\"}"),
                400,
                "field 'description' contains a NUL");
        assertError(raw("POST", "/api/environments", token, "{\"name\":"), 400, "not valid JSON");
        assertError(raw("GET", "/api/environments/Nlp", null, null), 400, "environment name 'Nlp' is not valid");
        assertThat(admin.environments()).extracting(EnvironmentRecord::name).doesNotContain(ok);

        assertThat(post(ok, "java17-cpu", "{\"pad\":\"" + "x".repeat(60_000) + "\"}")
                        .statusCode())
                .as("a spec under 64 KiB")
                .isEqualTo(201);
    }

    @Test
    void recordingAnImageChecksItsFields() throws Exception {
        String name = unique("image");
        admin.createEnvironment(name, "java17-cpu", null, Map.of());
        String path = "/api/environments/" + name + "/image";
        String token = registry.adminToken;

        assertError(
                raw("PUT", path, token, "{\"digest\":\"" + DIGEST + "\",\"spec_hash\":\"h\"}"), 400, "field 'image'");
        assertError(raw("PUT", path, token, "{\"image\":\"i\",\"spec_hash\":\"h\"}"), 400, "field 'digest'");
        assertError(
                raw("PUT", path, token, "{\"image\":\"i\",\"digest\":\"latest\",\"spec_hash\":\"h\"}"),
                400,
                "field 'digest' must be an image digest such as sha256:");
        assertError(
                raw("PUT", path, token, "{\"image\":\"i\",\"digest\":\"" + DIGEST + "\"}"), 400, "field 'spec_hash'");
        assertError(
                raw(
                        "PUT",
                        path,
                        token,
                        "{\"image\":\"i\",\"digest\":\"" + DIGEST + "\",\"spec_hash\":\"h\",\"bighead_version\":7}"),
                400,
                "field 'bighead_version' must be text");
        assertThat(admin.environment(name).built()).isFalse();
    }

    @Test
    void unknownEnvironmentsAre404sForEveryMethod() throws Exception {
        String token = registry.adminToken;
        String image = "{\"image\":\"i\",\"digest\":\"" + DIGEST + "\",\"spec_hash\":\"h\"}";

        assertError(raw("GET", "/api/environments/no-such-env", null, null), 404, "no environment named 'no-such-env'");
        assertError(raw("PUT", "/api/environments/no-such-env/image", token, image), 404, "no-such-env");
        assertError(raw("DELETE", "/api/environments/no-such-env", token, null), 404, "no-such-env");
        assertThatThrownBy(() -> admin.deleteEnvironment("no-such-env"))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theBaseOfAnotherEnvironmentIsKeptUntilThoseDerivedFromItAreDeleted() {
        String base = unique("base");
        String derived = unique("derived");
        admin.createEnvironment(base, "java17-cpu", null, Map.of());
        admin.createEnvironment(derived, base, null, Map.of());

        assertThatThrownBy(() -> admin.deleteEnvironment(base)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage())
                    .isEqualTo("environment '" + base + "' is the base of '" + derived
                            + "': delete the environments derived from it first");
        });
        admin.deleteEnvironment(derived);
        admin.deleteEnvironment(base);
        assertThat(admin.environments()).extracting(EnvironmentRecord::name).doesNotContain(base, derived);
    }

    @Test
    void environmentWritesNeedAWriteTokenAndRecordItsUserNotTheOneTheBodyClaims() throws Exception {
        String name = unique("mine");
        String reader = admin.createToken("maya", "read");
        String writer = admin.createToken("maya", "write");

        assertThatThrownBy(() -> registry.anonymous().createEnvironment(name, "java17-cpu", null, Map.of()))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> registry.withToken(reader).createEnvironment(name, "java17-cpu", null, Map.of()))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(403));
        HttpResponse<String> created = raw(
                "POST",
                "/api/environments",
                writer,
                "{\"name\":\"" + name + "\",\"from\":\"java17-cpu\",\"spec\":{},\"created_by\":\"eve\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(registry.anonymous().environment(name).createdBy()).isEqualTo("maya");
        assertThatThrownBy(() -> registry.withToken(reader).recordEnvironmentImage(name, "i", DIGEST, "h", null))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> registry.anonymous().deleteEnvironment(name))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(registry.anonymous().environment(name).built()).isFalse();
    }

    private HttpResponse<String> post(String name, String from, String spec) throws Exception {
        return raw(
                "POST",
                "/api/environments",
                registry.adminToken,
                "{\"name\":\"" + name + "\",\"from\":\"" + from + "\",\"spec\":" + spec + "}");
    }

    @Test
    void healthNamesTheStoreAndTheArtifacts() throws Exception {
        HttpResponse<String> r = raw("GET", "/api/health", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(org.bighead.registry.Json.MAPPER.readTree(r.body()))
                .isEqualTo(org.bighead.registry.Json.MAPPER.readTree("{\"status\":\"ok\",\"store\":\"" + expectedStore()
                        + "\",\"artifacts\":\"" + expectedArtifacts() + "\"}"));
    }

    static void assertError(HttpResponse<String> r, int status, String fragment) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        var node = Json.MAPPER.readTree(r.body());
        assertThat(node.path("status").asInt()).isEqualTo(status);
        assertThat(node.path("error").asText()).containsIgnoringCase(fragment);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }

    HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
