package io.github.ollamaproxy.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.RawUploads;
import org.apache.camel.Exchange;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.stereotype.Component;

/**
 * OpenAI's Files API for batch input files: {@code POST /v1/files} (multipart, streamed to the
 * data folder under {@code ollama-proxy.batch.max-file-size}), {@code GET /v1/files},
 * {@code GET /v1/files/{id}}, {@code GET /v1/files/{id}/content}, {@code DELETE /v1/files/{id}}.
 */
@Component("openAiFiles")
public class OpenAiFiles {

    /** The only purpose this proxy serves. */
    static final String BATCH = "batch";

    private final FileStore files;
    private final JsonCodec json;
    private final long maxBytes;

    public OpenAiFiles(FileStore files, JsonCodec json, BatchProperties properties) {
        this.files = files;
        this.json = json;
        this.maxBytes = properties.maxFileSize().toBytes();
    }

    /** {@code POST /v1/files}: the form fields {@code purpose} and {@code file}. */
    public void upload(Exchange exchange) throws IOException {
        InputStream body = RawUploads.upload(exchange);
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (body == null || contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new InvalidRequestException("send the file as multipart/form-data with the fields 'purpose' and 'file'",
                    "file");
        }
        String purpose = null;
        StoredFile stored = null;
        try {
            FileItemInputIterator items = new JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory>()
                    .getItemIterator(new UploadRequest(body, contentType, -1));
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (item.isFormField() && "purpose".equals(item.getFieldName())) {
                    purpose = new String(item.getInputStream().readNBytes(64), StandardCharsets.UTF_8).strip();
                } else if ("file".equals(item.getFieldName()) && stored == null) {
                    stored = files.save(item.getInputStream(), item.getName() == null ? "upload.jsonl" : item.getName(),
                            BATCH, maxBytes);
                }
            }
        } catch (FileUploadException e) {
            discard(stored);
            throw new InvalidRequestException("the multipart body could not be read: " + e.getMessage(), "file");
        }
        if (stored == null) {
            throw new InvalidRequestException("missing the 'file' field", "file");
        }
        if (!BATCH.equals(purpose)) {
            discard(stored);
            throw new InvalidRequestException("'purpose' must be 'batch': this proxy keeps files for the Batch API only",
                    "purpose");
        }
        BatchHttp.respond(exchange, json, fileObject(stored));
    }

    /** {@code GET /v1/files}. */
    public void list(Exchange exchange) {
        ObjectNode list = json.newObject().put("object", "list");
        ArrayNode data = list.putArray("data");
        List<StoredFile> all = files.all();
        all.forEach(file -> data.add(fileObject(file)));
        list.put("has_more", false);
        BatchHttp.respond(exchange, json, list);
    }

    /** {@code GET /v1/files/{id}}. */
    public void retrieve(Exchange exchange) {
        BatchHttp.respond(exchange, json, fileObject(files.require(BatchHttp.id(exchange))));
    }

    /** {@code GET /v1/files/{id}/content}: streamed from disk. */
    public void content(Exchange exchange) throws IOException {
        StoredFile file = files.require(BatchHttp.id(exchange));
        HttpResponses.respond(exchange.getMessage(), 200, "application/octet-stream",
                Files.newInputStream(files.content(file.id())), Map.of());
    }

    /** {@code DELETE /v1/files/{id}}. */
    public void delete(Exchange exchange) throws IOException {
        StoredFile file = files.require(BatchHttp.id(exchange));
        files.delete(file.id());
        BatchHttp.respond(exchange, json, json.newObject().put("id", file.id()).put("object", "file").put("deleted", true));
    }

    ObjectNode fileObject(StoredFile file) {
        ObjectNode object = json.newObject().put("id", file.id()).put("object", "file").put("bytes", file.bytes())
                .put("created_at", file.createdAt()).put("filename", file.filename()).put("purpose", file.purpose())
                .put("status", "processed");
        object.putNull("status_details");
        object.putNull("expires_at");
        return object;
    }

    private void discard(StoredFile stored) throws IOException {
        if (stored != null) {
            files.delete(stored.id());
        }
    }
}
