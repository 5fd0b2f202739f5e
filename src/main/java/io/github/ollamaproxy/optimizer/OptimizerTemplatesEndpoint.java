package io.github.ollamaproxy.optimizer;

import java.util.List;

import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.ProxyException;
import org.springframework.stereotype.Component;

/**
 * {@code GET /optimizer/templates} lists the learned templates; {@code DELETE /optimizer/templates}
 * forgets them all and {@code DELETE /optimizer/templates/{id}} one.
 */
@Component("optimizerTemplates")
public class OptimizerTemplatesEndpoint {

    private final PromptOptimizer optimizer;

    public OptimizerTemplatesEndpoint(PromptOptimizer optimizer) {
        this.optimizer = optimizer;
    }

    public List<TemplateView> list() {
        return optimizer.templates().stream().map(TemplateView::of).toList();
    }

    public TemplateView.Deleted deleteAll() {
        int count = optimizer.templates().size();
        optimizer.clear();
        return new TemplateView.Deleted(count);
    }

    /**
     * @throws InvalidRequestException when the id is not a number
     * @throws ProxyException          (404) when there is no such template
     */
    public TemplateView.Deleted delete(String id) {
        long number = parseId(id);
        if (!optimizer.delete(number)) {
            throw new ProxyException(new ApiError(404, "no optimizer template " + number, "template_not_found", "id"));
        }
        return new TemplateView.Deleted(1);
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("template ids are numbers, not '" + text + "'", "id");
        }
    }
}
