package io.github.ollamaproxy.batch;

import java.io.InputStream;

import org.apache.commons.fileupload2.core.RequestContext;

/** A multipart upload as the streaming parser sees it: the client's stream and its content type. */
record UploadRequest(InputStream body, String contentType, long length) implements RequestContext {

    @Override
    public String getCharacterEncoding() {
        return null;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public InputStream getInputStream() {
        return body;
    }

    @Override
    public boolean isMultipartRelated() {
        return false;
    }
}
