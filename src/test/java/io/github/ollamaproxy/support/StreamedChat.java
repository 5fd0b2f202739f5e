package io.github.ollamaproxy.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * A chat streamed by a LangChain4j model, collected: the partial responses as they came and the
 * final response.
 *
 * @param partials the partial texts, in order
 * @param response the complete response
 */
public record StreamedChat(List<String> partials, ChatResponse response) {

    /** Streams {@code message} through {@code model} and waits up to 30 s for the end. */
    public static StreamedChat of(StreamingChatModel model, String message) throws Exception {
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(message, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        return new StreamedChat(List.copyOf(partials), response);
    }
}
