package mailclerk.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.function.Function;
import mailclerk.queue.TopicStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Topics page's requests (administrators only: the console's guard sees to that). */
final class TopicPages {
    private static final Logger log = LoggerFactory.getLogger(TopicPages.class);
    private final TopicAdmin topics;
    private final PageRenderer pages;
    private final Function<Context, Viewer> viewer;

    TopicPages(TopicAdmin topics, PageRenderer pages, Function<Context, Viewer> viewer) {
        this.topics = topics;
        this.pages = pages;
        this.viewer = viewer;
    }

    void list(Context ctx) {
        listPage(ctx, Notice.text(ctx.queryParam("notice")), null, "", "", "", "");
    }

    void add(Context ctx) {
        String id = param(ctx, "id");
        String title = param(ctx, "title");
        String answer = param(ctx, "answer");
        String example = param(ctx, "example");
        try {
            topics.add(id, title, answer, example, viewer.apply(ctx).name());
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            listPage(ctx, null, e.getMessage(), id, title, answer, example);
            return;
        }
        log.info("{} added topic {} as a draft", viewer.apply(ctx).name(), id.strip());
        redirect(ctx, id.strip(), Notice.TOPIC_ADDED);
    }

    void show(Context ctx) {
        TopicAdmin.Row r = row(ctx);
        topicPage(ctx, r, r.answer() == null ? "" : r.answer(), null, Notice.text(ctx.queryParam("notice")), null);
    }

    /** Preview (nothing saved) or Save: a mistake keeps the typed text on the page, with what is wrong. */
    void answer(Context ctx) {
        TopicAdmin.Row r = row(ctx);
        String text = param(ctx, "answer");
        boolean save = "save".equals(ctx.formParam("action"));
        try {
            if (!save) {
                topicPage(ctx, r, text, topics.preview(text), null, null);
                return;
            }
            TopicAdmin.Saved s = topics.save(r.id(), text, viewer.apply(ctx).name());
            log.info("{} wrote version {} of topic {} ({})", viewer.apply(ctx).name(), s.version(), r.id(),
                    s.inUse() ? "in use" : "waits for approval");
            redirect(ctx, r.id(), s.inUse() ? Notice.ANSWER_IN_USE : Notice.ANSWER_WAITS);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            topicPage(ctx, r, text, null, null, e.getMessage());
        }
    }

    void approve(Context ctx) {
        TopicAdmin.Row r = row(ctx);
        boolean ok = topics.approve(r.id(), version(ctx), viewer.apply(ctx).name());
        if (ok) log.info("{} approved version {} of topic {}", viewer.apply(ctx).name(), version(ctx), r.id());
        redirect(ctx, r.id(), ok ? Notice.ANSWER_APPROVED : Notice.NOT_APPROVED);
    }

    void revert(Context ctx) {
        TopicAdmin.Row r = row(ctx);
        TopicAdmin.Saved s = topics.revert(r.id(), version(ctx), viewer.apply(ctx).name());
        redirect(ctx, r.id(), s.inUse() ? Notice.ANSWER_IN_USE : Notice.ANSWER_WAITS);
    }

    void state(Context ctx) {
        TopicAdmin.Row r = row(ctx);
        TopicStore.State s = TopicStore.State.of(Optional.ofNullable(ctx.formParam("state")).orElse(""))
                .orElseThrow(() -> new IllegalArgumentException("choose live, draft or off"));
        try {
            topics.setState(r.id(), s, viewer.apply(ctx).name(), seenVersion(ctx));
        } catch (IllegalArgumentException e) {
            // said on the topic's own page: who may take it live, or that its answer changed meanwhile
            ctx.status(HttpStatus.BAD_REQUEST);
            topicPage(ctx, r, r.answer() == null ? "" : r.answer(), null, null, e.getMessage());
            return;
        }
        log.info("{} set topic {} {}", viewer.apply(ctx).name(), r.id(), s.word());
        redirect(ctx, r.id(), switch (s) {
            case LIVE -> Notice.TOPIC_LIVE;
            case DRAFT -> Notice.TOPIC_DRAFT;
            case OFF -> Notice.TOPIC_OFF;
        });
    }

    /** The answer version the administrator saw when taking a topic live, or null when the form did not say. */
    private static Integer seenVersion(Context ctx) {
        String v = ctx.formParam("in-use");
        if (v == null || !v.matches("\\d{1,9}")) return null;
        return Integer.valueOf(v);
    }

    void examples(Context ctx) {
        TopicAdmin.Row r = row(ctx);
        int n = topics.addExamples(r.id(), ctx.formParam("examples"), viewer.apply(ctx).name());
        log.info("{} added {} example(s) to topic {}", viewer.apply(ctx).name(), n, r.id());
        redirect(ctx, r.id(), Notice.EXAMPLES_ADDED);
    }

    private void listPage(Context ctx, String notice, String error, String id, String title, String answer, String example) {
        pages.render(ctx, "topics.jte", new Pages.TopicList(viewer.apply(ctx), topics.rows(), topics.placeholders(),
                topics.targetPrecision(), topics.secondApproval(), notice, error, id, title, answer, example,
                topics.shadow()));
    }

    private void topicPage(Context ctx, TopicAdmin.Row r, String text, String preview, String notice, String error) {
        pages.render(ctx, "topic.jte", new Pages.TopicPage(viewer.apply(ctx), r, topics.history(r.id()), topics.events(r.id()),
                topics.placeholders(), text, preview, notice, error, topics.targetPrecision(), topics.secondApproval()));
    }

    private TopicAdmin.Row row(Context ctx) {
        String id = ctx.pathParam("id");
        if (!TopicAdmin.ID.matcher(id).matches()) throw new io.javalin.http.NotFoundResponse("no such topic");
        return topics.row(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no such topic"));
    }

    private static int version(Context ctx) {
        try {
            return Integer.parseInt(Optional.ofNullable(ctx.formParam("version")).orElse("").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version number");
        }
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }

    private static void redirect(Context ctx, String topic, Notice notice) {
        ctx.redirect("/topics/" + topic + "?notice=" + notice.key(), HttpStatus.SEE_OTHER);
    }
}
