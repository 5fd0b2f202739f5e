package io.github.ollamaproxy.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether a request path, as the client sent it (still percent-encoded), is one the proxy may
 * route and forward. Only normalised paths pass: no {@code .} or {@code ..} segment (also when
 * encoded), no empty segment ({@code //}) but a trailing slash, no {@code ;} parameters, no
 * backslash, no control character, no encoded slash but inside a model id under
 * {@value #MODEL_IDS} (OpenAI clients encode the {@code /} of {@code user/model}), and every
 * percent-encoding valid UTF-8 in its shortest form. A path that passes means the same to the
 * proxy, to Tomcat and to Ollama, which access rules depend on.
 */
public final class RequestTargets {

    /** The one place where an encoded slash belongs to a name, not to the path. */
    static final String MODEL_IDS = "/v1/models/";

    private RequestTargets() {
    }

    /** The 400 refusing the path, or empty when it may be routed. */
    public static Optional<ApiError> refusal(String rawPath) {
        return problem(rawPath).map(problem -> new ApiError(400, problem, "invalid_path", null));
    }

    /** Why the path is refused, or empty when it may be routed. */
    static Optional<String> problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("the request path must start with /");
        }
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("path parameters (;) are not accepted");
        }
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() && i < segments.length - 1) {
                return Optional.of("empty path segments (//) are not accepted");
            }
            Optional<String> decoded = decode(segment);
            if (decoded.isEmpty()) {
                return Optional.of("the path has an invalid percent-encoding or is not UTF-8");
            }
            Optional<String> problem = segmentProblem(decoded.get(), rawPath);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> segmentProblem(String segment, String rawPath) {
        if (segment.equals(".") || segment.equals("..")) {
            return Optional.of("dot segments (. and ..) are not accepted in the path");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                return Optional.of("backslashes are not accepted in the path");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("control characters are not accepted in the path");
            }
            if (c == '/' && !rawPath.startsWith(MODEL_IDS)) {
                return Optional.of("encoded slashes (%2F) are only accepted in model ids under " + MODEL_IDS);
            }
        }
        return Optional.empty();
    }

    /** The segment percent-decoded as strict UTF-8, or empty when it is not. */
    private static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteBuffer bytes = ByteBuffer.allocate(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c > 0x7f) {
                return Optional.empty();
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
