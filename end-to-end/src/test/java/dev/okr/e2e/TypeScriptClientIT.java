package dev.okr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.okr.testsupport.TestTokens;

/**
 * The TypeScript client (clients/typescript, generated from the merged OpenAPI document and compiled in strict mode
 * by the build) runs its whole scenario against the packaged platform — through a proxy that holds every exchange to
 * the same document, so a type the client trusts is an answer the platform gives.
 */
class TypeScriptClientIT {

    private static final Path SCENARIO = Path.of("..", "clients", "typescript", "dist", "scenario", "scenario.js");

    @Test
    void theGeneratedClientRunsTheWholeScenarioAndMeetsOnlyWhatTheDocumentPromises() throws Exception {
        assertTrue(Files.isRegularFile(SCENARIO), SCENARIO + " is built by clients/typescript (npm run build) before this suite");
        Platform platform = SharedPlatform.get();
        ContractCheck contract = ContractCheck.of(platform.gateway(), true);
        String org = UUID.randomUUID().toString();
        try (ValidatingProxy proxy = new ValidatingProxy(platform.gateway(), contract)) {
            Path log = Files.createTempFile("scenario", ".log");
            ProcessBuilder node = new ProcessBuilder("node", SCENARIO.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            node.environment().put("OKR_GATEWAY", proxy.url());
            node.environment().put("OKR_ADMIN_TOKEN", TestTokens.admin(org));
            node.environment().put("OKR_MEMBER_TOKEN", TestTokens.member(org));
            node.environment().put("OKR_RUN", org.substring(0, 8));
            Process scenario = node.start();
            boolean ended = scenario.waitFor(3, TimeUnit.MINUTES);
            if (!ended) {
                scenario.destroyForcibly();
            }
            String output = read(log);
            System.out.println(output);
            assertTrue(ended, "the scenario did not end within 3 minutes:\n" + output);
            assertEquals(0, scenario.exitValue(), "the scenario failed:\n" + output);
            assertTrue(output.contains("steps as expected"), output);
        }
        assertTrue(contract.exchanges() >= 20, "the scenario's exchanges went through the checking proxy: " + contract.exchanges());
        System.out.printf("[e2e] TypeScript scenario: %d exchanges checked against the OpenAPI document%n", contract.exchanges());
        contract.assertNone();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
