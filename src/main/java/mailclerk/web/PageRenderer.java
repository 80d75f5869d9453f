package mailclerk.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/** Renders a console page from its jte template (precompiled, HTML content type: every value escaped). */
final class PageRenderer {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, String template, Object page) {
        StringOutput out = new StringOutput();
        templates.render(template, page, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }
}
