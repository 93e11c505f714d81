package com.ezscale.billing.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code serve} node as `serve` starts it (a web application whose only server is the management
 * port, Quartz started and clustered): its health names the scheduler and its instance, its
 * probes answer, and its Prometheus scrape carries Spring Batch's own job and step timers and the
 * operator's gauges once a job ran.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.web-application-type=servlet",
            "spring.quartz.auto-startup=true",
            "management.server.port="
        })
class ServeNodeTest extends DatabaseTest {

    @LocalServerPort
    int port;

    @Autowired
    JobRunner runner;

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theNodesHealthNamesItsSchedulerAndItsScrapeCarriesTheJobsTimers() throws Exception {
        JsonNode health = JSON.readTree(get("/actuator/health").body()).get("components");
        assertThat(health.at("/quartz/status").asString()).isEqualTo("UP");
        assertThat(health.at("/quartz/details/clustered").asBoolean()).isTrue();
        assertThat(health.at("/quartz/details/instanceId").asString()).isNotBlank();
        assertThat(health.at("/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/nightly/status").asString()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        assertThat(runner.run("renderDocuments", LocalDate.parse("2026-11-30"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        String scrape = get("/actuator/prometheus").body();
        assertThat(scrape)
                .containsPattern(
                        "spring_batch_job_seconds_count\\{[^}]*spring_batch_job_name=\"renderDocuments\"[^}]*} 1")
                .containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"renderDocuments\"")
                .contains("ezscale_outbox_rows{")
                .contains("ezscale_nightly_healthy{");
    }
}
