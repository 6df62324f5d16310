package dev.clarion.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnsUrlTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=y, true",
    "https://sns.cn-north-1.amazonaws.com.cn/?Action=ConfirmSubscription, true",
    "http://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription, false",
    "https://sns.ap-northeast-2.amazonaws.com.evil.example/?x, false",
    "https://evil.example/sns.us-east-1.amazonaws.com, false",
    "https://sns.us-east-1.amazonaws.com:8443/, false",
    "https://127.0.0.1/, false",
    "not a url, false"
  })
  void autoConfirmOpensOnlyAwsSnsEndpoints(String url, boolean allowed) {
    assertThat(IngestRoutes.isAwsSnsUrl(url)).isEqualTo(allowed);
  }
}
