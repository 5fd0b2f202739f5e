package io.github.ollamaproxy.web;

import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.springframework.stereotype.Component;

/**
 * Route step of {@code routes/ollama-blobs.yaml}: makes the client's upload stream (set aside by
 * {@link RawUploadFilter}) the body of the upstream call, with its declared length, so the bytes
 * flow to Ollama as they arrive.
 */
@Component("rawUploads")
public class RawUploads {

    /** The client's upload stream, as it arrives, or {@code null} when the request has none. */
    public static InputStream upload(Exchange exchange) {
        if (exchange.getMessage() instanceof PlatformHttpMessage platformHttp
                && platformHttp.getRequest().getAttribute(RawUploadFilter.BODY) instanceof InputStream upload) {
            return upload;
        }
        return null;
    }

    public void attach(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!(message instanceof PlatformHttpMessage platformHttp)) {
            return;
        }
        HttpServletRequest request = platformHttp.getRequest();
        if (request.getAttribute(RawUploadFilter.BODY) instanceof InputStream upload) {
            long length = (Long) request.getAttribute(RawUploadFilter.LENGTH);
            String contentType = request.getContentType();
            message.setBody(new InputStreamEntity(upload, length,
                    contentType == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parseLenient(contentType)));
        }
    }
}
