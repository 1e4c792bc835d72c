package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Operation;
import org.miplhil.platform.PlatformResult;

/** OneNET's errno and 5106 sub-reasons as platform results (Error_codes.md). */
class ResultMapperTest {

    static final NodePath PATH = NodePath.resource(3303, 0, 5700);

    private static PlatformResult map(int status, long errno, String error) {
        return ResultMapper.map(Operation.READ, "e", PATH, Duration.ofSeconds(7),
                new ApiOutcome.Reply(status, errno, error, NullNode.getInstance(), Instant.now(), Duration.ZERO), null,
                Optional.empty());
    }

    @Test
    void subReasonsBecomeCodesTimeoutsOfflineOrFailures() {
        String[][] codes = {{"NOT_FOUND", "4.04"}, {"METHOD_NOT_ALLOWED", "4.05"}, {"BAD_REQUEST", "4.00"},
                {"UNAUTHORIZED", "4.01"}, {"FORBIDDEN", "4.03"}, {"NOT_ACCEPTABLE", "4.06"},
                {"UNSUPPORTED_CONTENT_FORMAT", "4.15"}, {"INTERNAL_SERVER_ERROR", "5.00"}};
        for (String[] c : codes) {
            assertThat(map(200, 5106, "UNSUCESS: " + c[0] + ": device answered")).as(c[0])
                    .isInstanceOfSatisfying(PlatformResult.Answered.class,
                            a -> assertThat(a.code().dotted()).isEqualTo(c[1]));
        }
        assertThat(map(200, 5106, "UNSUCESS: TIME_OUT: no answer")).isInstanceOfSatisfying(
                PlatformResult.TimedOut.class, t -> assertThat(t.deadline()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(map(200, 5106, "UNSUCESS 12")).as("the documentation's number 12 is OFFLINE")
                .isInstanceOf(PlatformResult.DeviceOffline.class);
        assertThat(map(200, 5106, "UNSUCESS: RESP_ERROR")).isInstanceOfSatisfying(PlatformResult.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(PlatformResult.Failure.INVALID_RESPONSE));
        assertThat(map(200, 5106, "UNSUCESS")).isInstanceOf(PlatformResult.Failed.class);
    }

    @Test
    void otherErrnos() {
        assertThat(map(200, 0, "succ")).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.CONTENT));
        assertThat(map(200, 2001, "device not online")).isInstanceOf(PlatformResult.DeviceOffline.class);
        assertThat(map(400, 3, "parameter required")).isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(map(400, 5108, "invalid parameter")).isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(map(200, 1, "auth failed")).isInstanceOfSatisfying(PlatformResult.Failed.class,
                f -> assertThat(f.message()).contains("refused the credentials"));
        assertThat(map(500, 7, "service internal error")).isInstanceOfSatisfying(PlatformResult.Failed.class,
                f -> assertThat(f.message()).contains("errno 7"));
    }

    @Test
    void deadlinesBecomeOneNetTimeouts() {
        assertThat(OneNetPlatform.timeoutSeconds(Duration.ofMillis(100))).isEqualTo(5);
        assertThat(OneNetPlatform.timeoutSeconds(Duration.ofMillis(10_200))).isEqualTo(11);
        assertThat(OneNetPlatform.timeoutSeconds(Duration.ofMinutes(5))).isEqualTo(40);
    }

    @Test
    void unreadableAnswersFail() {
        ApiOutcome o = HttpTransport.read("GET /nbiot", 502, "<html>bad gateway</html>", AnswerMembers.LEGACY,
                Instant.now(), Duration.ZERO);
        assertThat(o).isInstanceOfSatisfying(ApiOutcome.Unreadable.class,
                u -> assertThat(u.message()).contains("HTTP 502", "bad gateway"));
    }
}
