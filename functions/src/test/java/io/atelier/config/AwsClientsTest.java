package io.atelier.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Credentials are named from the environment, never probed for where the environment says where they are. */
class AwsClientsTest {
    private static Configuration.AwsAccess aws(Map<String, String> environment) {
        return Configuration.parse(environment).aws();
    }

    @Test
    void keysInTheEnvironmentAreUsedAsThey() {
        assertThat(AwsClients.credentials(aws(Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"))))
                .isInstanceOf(StaticCredentialsProvider.class);
    }

    @Test
    void snapStartsContainerEndpointIsAskedDirectly() {
        assertThat(AwsClients.credentials(aws(Map.of(
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token"))))
                .isInstanceOf(ContainerCredentialsProvider.class);
    }

    @Test
    void withNeitherTheSdksChainLooks() {
        assertThat(AwsClients.credentials(aws(Map.of()))).isInstanceOf(AwsCredentialsProviderChain.class);
    }
}
